package io.cutover.activities;

import io.cutover.activity.DrsActivities;
import io.cutover.backup.BackupStore;
import io.cutover.drs.DrsClient;
import io.cutover.drs.DrsClientConfig;
import io.cutover.drs.RetryPolicy;
import io.cutover.drs.auth.StaticTokenAuth;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * {@link DrsActivitiesImpl} in Temporal's activity test environment, talking to a DRS at
 * {@code endpoint}. Each call is one attempt: tests play Temporal's retries themselves, so that
 * they can look at DRS between attempts.
 */
final class ActivityHarness implements AutoCloseable {

    final DrsActivities activities;
    private final DrsClient client;
    private final TestActivityEnvironment env;

    /** Tests wait out at most this for a create in doubt (production: 60 s). */
    static final Duration CREATE_VISIBILITY = Duration.ofSeconds(5);

    ActivityHarness(String endpoint) {
        this(endpoint, UnaryOperator.identity());
    }

    ActivityHarness(String endpoint, Duration createVisibility) {
        this(endpoint, UnaryOperator.identity(), createVisibility, null);
    }

    /** A harness whose creates are recorded in {@code store} first, as a worker's are (null: none). */
    ActivityHarness(String endpoint, Duration createVisibility, BackupStore store) {
        this(endpoint, UnaryOperator.identity(), createVisibility, store);
    }

    /** A harness whose DRS client is configured further by {@code configure}, e.g. its timeouts. */
    ActivityHarness(String endpoint, UnaryOperator<DrsClientConfig.Builder> configure) {
        this(endpoint, configure, CREATE_VISIBILITY, null);
    }

    private ActivityHarness(
            String endpoint,
            UnaryOperator<DrsClientConfig.Builder> configure,
            Duration createVisibility,
            BackupStore store) {
        client = new DrsClient(configure
                .apply(DrsClientConfig.builder())
                .endpoint(endpoint)
                .projectId("054ba152d480d55b2f5dc0069e7ddef0")
                .auth(new StaticTokenAuth("activity-test-token"))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)))
                .build());
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new DrsActivitiesImpl(client, createVisibility, store));
        activities = env.newActivityStub(
                DrsActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(20))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());
    }

    /** Counts the heartbeats the activities send. */
    void onHeartbeat(Runnable listener) {
        env.setActivityHeartbeatListener(Object.class, details -> listener.run());
    }

    @Override
    public void close() {
        env.close();
        client.close();
    }
}
