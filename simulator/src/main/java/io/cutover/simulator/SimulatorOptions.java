package io.cutover.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulator is started. Immutable; made with {@link #builder()}.
 *
 * <p>Defaults: an ephemeral port on 127.0.0.1, any non-empty token accepted, jobs finish at once,
 * no bucket (every file is taken to exist and carries no header), seed 1, no faults, IAM tokens
 * valid for 24 hours, show echoing recovery_mode as sent.
 */
public final class SimulatorOptions {

    private final int port;
    private final String bind;
    private final String token;
    private final Duration restoreTime;
    private final Duration listLag;
    private final int maxRunningJobsPerInstance;
    private final Path bucketRoot;
    private final URI s3Endpoint;
    private final long seed;
    private final FaultSettings faults;
    private final Duration tokenLifetime;
    private final boolean numericRecoveryModeInShow;
    private final int threads;

    private SimulatorOptions(Builder b) {
        this.port = b.port;
        this.bind = b.bind;
        this.token = b.token;
        this.restoreTime = b.restoreTime;
        this.listLag = b.listLag;
        this.maxRunningJobsPerInstance = b.maxRunningJobsPerInstance;
        this.bucketRoot = b.bucketRoot;
        this.s3Endpoint = b.s3Endpoint;
        this.seed = b.seed;
        this.faults = b.faults;
        this.tokenLifetime = b.tokenLifetime;
        this.numericRecoveryModeInShow = b.numericRecoveryModeInShow;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: see the class comment. */
    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .bind(bind)
                .token(token)
                .restoreTime(restoreTime)
                .listLag(listLag)
                .maxRunningJobsPerInstance(maxRunningJobsPerInstance)
                .bucketRoot(bucketRoot)
                .s3Endpoint(s3Endpoint)
                .seed(seed)
                .faults(faults)
                .tokenLifetime(tokenLifetime)
                .numericRecoveryModeInShow(numericRecoveryModeInShow)
                .threads(threads);
    }

    /** The port to listen on; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The address to bind. */
    public String bind() {
        return bind;
    }

    /** The only token accepted, or null to accept any non-empty token. */
    public String token() {
        return token;
    }

    /** How long a job stays TRANSFERRING; zero finishes it before create answers. */
    public Duration restoreTime() {
        return restoreTime;
    }

    /**
     * How long a new job stays out of list answers after its create: DRS's list may lag behind its
     * create (a create still being processed when its caller gave up, or a list served from a
     * replica). Zero (the default) lists a job as soon as its create answered. Whether and how long
     * real DRS lags is not documented; tests set seconds to model the worse case.
     */
    public Duration listLag() {
        return listLag;
    }

    /**
     * How many jobs may be TRANSFERRING at once on one target instance; 0 (the default) for no
     * limit. DRS does not document such a limit, nor how it answers a create beyond it: the
     * simulator assumes the worse case, a 400 with DRS's generic error code DRS.10000001 that a
     * client cannot tell from a refused request, and no job made.
     */
    public int maxRunningJobsPerInstance() {
        return maxRunningJobsPerInstance;
    }

    /** The folder holding one sub-folder per bucket, or null for no local bucket. */
    public Path bucketRoot() {
        return bucketRoot;
    }

    /**
     * An S3-protocol endpoint read anonymously with path-style addresses when a file is not in the
     * local bucket root, or null.
     */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** Seeds the random sources of faults and job ids, so runs are reproducible. */
    public long seed() {
        return seed;
    }

    /** The faults in force at start (and after a reset). */
    public FaultSettings faults() {
        return faults;
    }

    /** How long an IAM token lasts (only reported in expires_at). */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * Whether show reports options.recovery_mode as "1" (full) / "2" (incre), as the real service is
     * reported to do, instead of echoing what was sent.
     */
    public boolean numericRecoveryModeInShow() {
        return numericRecoveryModeInShow;
    }

    /** The number of threads serving requests. */
    public int threads() {
        return threads;
    }

    /** Builds {@link SimulatorOptions}; every setter checks its argument at once. */
    public static final class Builder {
        private int port = 0;
        private String bind = "127.0.0.1";
        private String token;
        private Duration restoreTime = Duration.ZERO;
        private Duration listLag = Duration.ZERO;
        private int maxRunningJobsPerInstance;
        private Path bucketRoot;
        private URI s3Endpoint;
        private long seed = 1;
        private FaultSettings faults = FaultSettings.NONE;
        private Duration tokenLifetime = Duration.ofHours(24);
        private boolean numericRecoveryModeInShow;
        private int threads = 8;

        private Builder() {}

        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + value);
            }
            this.port = value;
            return this;
        }

        public Builder bind(String value) {
            this.bind = Objects.requireNonNull(value, "bind");
            return this;
        }

        /** The only accepted token; null (or empty) accepts any non-empty token. */
        public Builder token(String value) {
            this.token = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder restoreTime(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("restoreTime must not be negative, got " + value);
            }
            this.restoreTime = value;
            return this;
        }

        public Builder listLag(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("listLag must not be negative, got " + value);
            }
            this.listLag = value;
            return this;
        }

        public Builder maxRunningJobsPerInstance(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRunningJobsPerInstance must not be negative, got " + value);
            }
            this.maxRunningJobsPerInstance = value;
            return this;
        }

        public Builder bucketRoot(Path value) {
            this.bucketRoot = value;
            return this;
        }

        public Builder s3Endpoint(URI value) {
            this.s3Endpoint = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder faults(FaultSettings value) {
            this.faults = Objects.requireNonNull(value, "faults");
            return this;
        }

        public Builder tokenLifetime(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive, got " + value);
            }
            this.tokenLifetime = value;
            return this;
        }

        public Builder numericRecoveryModeInShow(boolean value) {
            this.numericRecoveryModeInShow = value;
            return this;
        }

        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + value);
            }
            this.threads = value;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(this);
        }
    }
}
