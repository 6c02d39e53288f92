package io.cutover.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A minimal IAM: {@code POST /v3/auth/tokens} answers 201 with the token in {@code X-Subject-Token}
 * and {@code token.expires_at} in the body, as Huawei's IAM does. Credentials are not checked; the
 * body must only look like an IAM token request ({@code auth.identity}). When the simulator is
 * started with a token, that token is handed out, so that a client which fetches its token gets one
 * the DRS calls accept.
 */
final class IamTokens {

    /** IAM's timestamp form, e.g. 2026-11-29T13:46:13.000000Z. */
    static final DateTimeFormatter EXPIRES_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String configuredToken;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IamTokens(String configuredToken, Duration lifetime, Clock clock) {
        this.configuredToken = configuredToken;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Answer issue(IncomingRequest request) {
        JsonNode body;
        try {
            body = Answer.JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.path("auth").path("identity").isObject()) {
            ObjectNode error = Answer.JSON.createObjectNode();
            ObjectNode detail = error.putObject("error");
            detail.put("code", 400);
            detail.put("title", "Bad Request");
            detail.put("message", "auth.identity: is required");
            return Answer.json(400, error);
        }
        Instant now = clock.instant();
        ObjectNode answer = Answer.JSON.createObjectNode();
        ObjectNode token = answer.putObject("token");
        token.put("issued_at", EXPIRES_AT.format(now));
        token.put("expires_at", EXPIRES_AT.format(now.plus(lifetime)));
        token.putArray("methods").add(methodOf(body));
        JsonNode project = body.path("auth").path("scope").path("project");
        if (project.isObject()) {
            token.set("project", project.deepCopy());
        }
        return Answer.json(201, answer).withHeader("X-Subject-Token", newToken());
    }

    private String newToken() {
        if (configuredToken != null) {
            return configuredToken;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "MIIsim" + HexFormat.of().formatHex(bytes);
    }

    private static String methodOf(JsonNode body) {
        JsonNode methods = body.path("auth").path("identity").path("methods");
        return methods.isArray() && !methods.isEmpty() ? methods.get(0).asText() : "password";
    }
}
