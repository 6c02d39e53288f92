package io.cutover.drs.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.drs.model.DrsJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IAM user token obtained with a password ({@code POST {iam}/v3/auth/tokens}), sent as
 * {@code X-Auth-Token}. The token (from the {@code X-Subject-Token} answer header) is cached
 * and fetched again {@code refreshBefore} ahead of the {@code expires_at} IAM gives (24 hours
 * after issue), or at once after DRS calls it invalid (a password change revokes it early).
 */
public final class IamPasswordAuth implements DrsAuth {

    static final String SUBJECT_TOKEN_HEADER = "X-Subject-Token";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Logger log = LoggerFactory.getLogger(IamPasswordAuth.class);

    private final HttpUrl tokensUrl;
    private final String domainName;
    private final String userName;
    private final String password;
    private final String projectId;
    private final Clock clock;
    private final Duration refreshBefore;
    private final OkHttpClient http;

    private Token cached;

    private record Token(String value, Instant expiresAt) {}

    private IamPasswordAuth(Builder builder) {
        this.tokensUrl = Objects.requireNonNull(builder.iamEndpoint, "iamEndpoint")
                .newBuilder()
                .addPathSegments("v3/auth/tokens")
                .build();
        this.domainName = requireText(builder.domainName, "domainName");
        this.userName = requireText(builder.userName, "userName");
        this.password = requireText(builder.password, "password");
        this.projectId = requireText(builder.projectId, "projectId");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.refreshBefore = Objects.requireNonNull(builder.refreshBefore, "refreshBefore");
        this.http = Objects.requireNonNull(builder.http, "http");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Request authorize(Request request) throws IOException {
        return request.newBuilder()
                .header(StaticTokenAuth.TOKEN_HEADER, currentToken())
                .build();
    }

    @Override
    public synchronized boolean invalidate() {
        cached = null;
        return true;
    }

    private synchronized String currentToken() throws IOException {
        if (cached == null || !clock.instant().isBefore(cached.expiresAt().minus(refreshBefore))) {
            cached = fetchToken();
        }
        return cached.value();
    }

    private Token fetchToken() throws IOException {
        Request request = new Request.Builder()
                .url(tokensUrl)
                .post(RequestBody.create(DrsJson.mapper().writeValueAsBytes(passwordIdentity()), JSON_TYPE))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 400 || response.code() == 401 || response.code() == 403) {
                throw new CredentialsRejectedException(
                        "IAM refused the password credentials of user " + userName + ": HTTP " + response.code());
            }
            String token = response.header(SUBJECT_TOKEN_HEADER);
            if (!response.isSuccessful() || token == null || token.isBlank()) {
                // Anything else (5xx, a proxy's page) may pass: the caller treats it as retryable.
                throw new IOException("IAM did not issue a token: HTTP " + response.code());
            }
            Instant expiresAt = expiresAt(response.body().string());
            log.info("IAM token obtained for user {}, valid until {}", userName, expiresAt);
            return new Token(token, expiresAt);
        }
    }

    private ObjectNode passwordIdentity() {
        ObjectMapper json = DrsJson.mapper();
        ObjectNode body = json.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", userName);
        user.put("password", password);
        user.putObject("domain").put("name", domainName);
        auth.putObject("scope").putObject("project").put("id", projectId);
        return body;
    }

    /** token.expires_at of the answer; 24 hours from now when IAM leaves it out. */
    private Instant expiresAt(String body) {
        try {
            JsonNode expires = DrsJson.mapper().readTree(body).path("token").path("expires_at");
            if (expires.isTextual()) {
                return Instant.parse(expires.asText());
            }
        } catch (IOException | DateTimeParseException e) {
            log.warn("IAM token answer without a readable expires_at; assuming {}", TOKEN_LIFETIME);
        }
        return clock.instant().plus(TOKEN_LIFETIME);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "IamPasswordAuth[iam=" + tokensUrl + ", domain=" + domainName + ", user=" + userName
                + ", password=****]";
    }

    /** Settings of an {@link IamPasswordAuth}. */
    public static final class Builder {
        private HttpUrl iamEndpoint;
        private String domainName;
        private String userName;
        private String password;
        private String projectId;
        private Clock clock = Clock.systemUTC();
        private Duration refreshBefore = Duration.ofHours(1);
        private OkHttpClient http;

        private Builder() {}

        /** The IAM endpoint, for example https://iam.ap-southeast-1.myhuaweicloud.com. */
        public Builder iamEndpoint(String url) {
            this.iamEndpoint = HttpUrl.get(url);
            return this;
        }

        /** The account (domain) name the IAM user belongs to. */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        public Builder userName(String userName) {
            this.userName = userName;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The project the token is scoped to: the one whose DRS jobs are managed. */
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long before expires_at a fresh token is fetched (default one hour). */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = refreshBefore;
            return this;
        }

        /** The HTTP client for IAM calls, with its timeouts set. */
        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        public IamPasswordAuth build() {
            return new IamPasswordAuth(this);
        }
    }
}
