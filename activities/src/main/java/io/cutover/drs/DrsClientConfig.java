package io.cutover.drs;

import io.cutover.drs.auth.DrsAuth;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Everything a {@link DrsClient} needs. Build it with {@link #builder()}. Its {@code toString}
 * shows no secret: the authentication's own {@code toString} hides them.
 *
 * @param endpoint DRS's endpoint, for example https://drs.ap-southeast-1.myhuaweicloud.com
 * @param projectId the project whose jobs are managed
 * @param connectTimeout TCP (and TLS) connection timeout
 * @param readTimeout the longest silence while reading an answer
 * @param writeTimeout the longest stall while writing a request
 * @param callTimeout the whole call's deadline, answer included
 * @param language X-Language
 * @param auth how requests are authenticated
 * @param retryPolicy the client's own retries
 * @param clock the time used to read a Retry-After given as a date
 */
public record DrsClientConfig(
        HttpUrl endpoint,
        String projectId,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Duration callTimeout,
        Language language,
        DrsAuth auth,
        RetryPolicy retryPolicy,
        Clock clock) {

    public DrsClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (projectId == null || !projectId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("projectId: required, letters, digits, '-' and '_' only");
        }
        for (Duration timeout : new Duration[] {connectTimeout, readTimeout, writeTimeout, callTimeout}) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts: each must be set and positive");
            }
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings with the defaults: 10 s connect, 30 s read/write, 60 s per call, en-us. */
    public static final class Builder {
        private HttpUrl endpoint;
        private String projectId;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private Language language = Language.EN_US;
        private DrsAuth auth;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder endpoint(String url) {
            this.endpoint = HttpUrl.get(url);
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        public Builder language(Language language) {
            this.language = language;
            return this;
        }

        public Builder auth(DrsAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DrsClientConfig build() {
            return new DrsClientConfig(
                    endpoint,
                    projectId,
                    connectTimeout,
                    readTimeout,
                    writeTimeout,
                    callTimeout,
                    language,
                    auth,
                    retryPolicy,
                    clock);
        }
    }
}
