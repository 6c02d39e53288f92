package io.cutover.campaign;

import io.cutover.activity.BackupActivities;
import io.cutover.activity.DrsActivities;
import io.cutover.spec.Timing;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The campaign's activity stubs and their options, in one place. Polling activities (the watch
 * on the bucket, the wait on a job) use their retry policy as the poll loop: no events while
 * nothing changes. Short calls (staging a log backup, submitting, writing the ledger) are local
 * activities: one marker event each, inside the workflow task that needs them.
 */
final class CampaignActivities {

    /** A full backup's server-side copy may take hours; it heartbeats meanwhile. */
    static final Duration FULL_STAGING_TIMEOUT = Duration.ofHours(12);

    static final Duration FULL_STAGING_HEARTBEAT = Duration.ofMinutes(2);

    /**
     * One discovery activity waits at most this long; then a fresh one starts. It bounds the retry
     * loop without costing more than six events per window.
     */
    static final Duration DISCOVERY_WINDOW = Duration.ofHours(6);

    /** Same for the wait on one DRS job: a restore may run for a day and more. */
    static final Duration JOB_WAIT_WINDOW = Duration.ofDays(1);

    /** How long a polling attempt may go without a heartbeat before another worker takes over. */
    static final Duration POLL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

    /** Staging copies a backup server-side, which may take minutes for a large file. */
    static final Duration LOCAL_CALL_TIMEOUT = Duration.ofMinutes(30);

    private final Duration pollInterval;

    CampaignActivities(Timing timing) {
        this.pollInterval = Duration.ofSeconds(timing.pollIntervalSeconds());
    }

    /** The bucket watch: one listing per poll interval until new backups are found. */
    BackupActivities bucketWatch(String summary) {
        return Workflow.newActivityStub(BackupActivities.class, polling(DISCOVERY_WINDOW, summary));
    }

    /** The wait on one DRS job: one read per poll interval until it ends. */
    DrsActivities jobWait(String summary) {
        return Workflow.newActivityStub(DrsActivities.class, polling(JOB_WAIT_WINDOW, summary));
    }

    DrsActivities localDrs(String summary) {
        return Workflow.newLocalActivityStub(DrsActivities.class, local(summary));
    }

    BackupActivities localBackup(String summary) {
        return Workflow.newLocalActivityStub(BackupActivities.class, local(summary));
    }

    /**
     * The full backup's staging: hundreds of GB whose server-side copy can outlast any sensible
     * local activity, so a normal activity that heartbeats while the copy runs, and a worker that
     * dies mid-copy is noticed in minutes, not after the timeout.
     */
    BackupActivities fullStaging(String summary) {
        return Workflow.newActivityStub(
                BackupActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(FULL_STAGING_TIMEOUT)
                        .setHeartbeatTimeout(FULL_STAGING_HEARTBEAT)
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(10))
                                .setMaximumInterval(Duration.ofMinutes(5))
                                .setMaximumAttempts(5)
                                .build())
                        .setSummary(summary)
                        .build());
    }

    /** The report's assembly from the ledger parts: one object read per part, then one written. */
    BackupActivities reportAssembly(String summary) {
        return Workflow.newActivityStub(
                BackupActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(10))
                        .setScheduleToCloseTimeout(Duration.ofHours(1))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setMaximumInterval(Duration.ofMinutes(1))
                                .build())
                        .setSummary(summary)
                        .build());
    }

    /**
     * Polling activities: the retry policy is the loop. Backoff coefficient 1 and an initial
     * interval of the poll interval make each retry wait exactly that; no maximum of attempts,
     * bounded by the schedule-to-close window instead.
     */
    private ActivityOptions polling(Duration window, String summary) {
        return ActivityOptions.newBuilder()
                // One attempt is one read (of a job, or of the bucket); the activities heartbeat while
                // it runs, so a worker that dies mid-attempt is replaced after the heartbeat timeout,
                // not after the whole start-to-close timeout: on a cutover night that is downtime.
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(POLL_HEARTBEAT_TIMEOUT)
                .setScheduleToCloseTimeout(window)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(pollInterval)
                        .setBackoffCoefficient(1.0)
                        .setMaximumInterval(pollInterval)
                        .setMaximumAttempts(0)
                        .setDoNotRetry(DrsActivities.REJECTED)
                        .build())
                .setSummary(summary)
                .build();
    }

    private static LocalActivityOptions local(String summary) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(LOCAL_CALL_TIMEOUT)
                .setScheduleToCloseTimeout(LOCAL_CALL_TIMEOUT.multipliedBy(2))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setDoNotRetry(DrsActivities.REJECTED)
                        .build())
                .setSummary(summary)
                .build();
    }
}
