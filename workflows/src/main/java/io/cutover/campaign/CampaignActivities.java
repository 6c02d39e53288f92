package io.cutover.campaign;

import io.cutover.activity.BackupActivities;
import io.cutover.activity.DrsActivities;
import io.cutover.spec.CampaignSpec;
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

    /**
     * The same for the final watch, whose attempts last seconds while the application is down: a
     * worker lost mid-attempt is replaced within this, not within half a minute.
     */
    static final Duration FINAL_WATCH_HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long after the cutover request a wave's member watches for its final inside its workflow
     * task. While it does, the operator's signals and queries reach it at the task's beats (every
     * 8 s), and each beat costs three events: so minutes, the time in which tail-log backups are
     * taken once the request is answered, not the hours the activity watch may last.
     */
    static final Duration LOCAL_FINAL_WATCH_WINDOW = Duration.ofMinutes(2);

    /** One call of the local final watch, its retries included. */
    static final Duration LOCAL_FINAL_WATCH_CALL = Duration.ofSeconds(5);

    /** Staging copies a backup server-side, which may take minutes for a large file. */
    static final Duration LOCAL_CALL_TIMEOUT = Duration.ofMinutes(30);

    /** A job's status is first read again after this, then each wait {@link #JOB_READ_BACKOFF} times longer. */
    static final Duration JOB_READ_FIRST_INTERVAL = Duration.ofSeconds(1);

    /**
     * Small enough that a job is seen ended soon after its end (a read falls within about a fifth of the
     * job's length of it), large enough that the reads thin out to the poll interval in minutes.
     */
    static final double JOB_READ_BACKOFF = 1.2;

    private final CampaignSpec spec;

    /**
     * Reads the spec's timing only when a stub is made: the workflow builds this before it has
     * validated the spec, and a spec without timing must fail the campaign naming the field, not
     * fail its workflow tasks over and over.
     */
    CampaignActivities(CampaignSpec spec) {
        this.spec = spec;
    }

    /** The bucket watch: one listing per poll interval until new backups are found. */
    BackupActivities bucketWatch(String summary) {
        return Workflow.newActivityStub(
                BackupActivities.class, polling(DISCOVERY_WINDOW, every(pollInterval()), summary));
    }

    /**
     * The watch for a cutover's final backup: a listing every {@code finalWatch} (four a second by
     * default; each attempt goes on listing for a while, see {@link BucketWatch}), so that the final
     * job is submitted within about that of the tail-log backup's upload, not up to a poll interval
     * later. Campaigns recorded before keep the poll interval.
     */
    BackupActivities finalBackupWatch(String summary) {
        Duration interval = CampaignVersions.adopted(CampaignVersions.QUICK_WAITS)
                ? spec.timing().finalWatchEvery()
                : pollInterval();
        ActivityOptions options = ActivityOptions.newBuilder(polling(DISCOVERY_WINDOW, every(interval), summary))
                .setHeartbeatTimeout(FINAL_WATCH_HEARTBEAT_TIMEOUT)
                .build();
        return Workflow.newActivityStub(BackupActivities.class, options);
    }

    /**
     * The same watch as a local activity, for a wave's member in the first {@link
     * #LOCAL_FINAL_WATCH_WINDOW} of its cutover: it runs inside the member's workflow task, which the
     * worker keeps open (beating every 8 s), so that the final it finds is staged and reported at
     * once, without the server handing the member a new task first. One call lasts at most {@link
     * #LOCAL_FINAL_WATCH_CALL}, then the campaign looks again: the SDK cannot cancel a local
     * activity, so an operator's action waits for the call in flight, not for the window.
     */
    BackupActivities localFinalBackupWatch(String summary) {
        return Workflow.newLocalActivityStub(
                BackupActivities.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(LOCAL_FINAL_WATCH_CALL)
                        .setScheduleToCloseTimeout(LOCAL_FINAL_WATCH_CALL)
                        .setRetryOptions(every(spec.timing().finalWatchEvery())
                                .setMaximumAttempts(0)
                                .setDoNotRetry(DrsActivities.REJECTED)
                                .build())
                        .setSummary(summary)
                        .build());
    }

    /**
     * The wait on one DRS job: its status is read at once, then after 1 s, and each wait 1.2 times
     * the one before (1.2, 1.44, 1.73, ... s) up to the poll interval, which it reaches after about
     * 330 s. A job is so seen ended within about a fifth of its own length plus a second (at most a poll interval)
     * instead of up to a whole poll interval late, and a long restore costs a bounded number of
     * reads more than reading every poll interval from the start: 19 with a 60 s poll, whatever
     * its length (a 10-hour restore: 619 reads instead of 600). Campaigns recorded before read
     * every poll interval from the start.
     */
    DrsActivities jobWait(String summary) {
        Duration pollInterval = pollInterval();
        RetryOptions.Builder schedule = CampaignVersions.adopted(CampaignVersions.QUICK_WAITS)
                ? RetryOptions.newBuilder()
                        .setInitialInterval(JOB_READ_FIRST_INTERVAL)
                        .setBackoffCoefficient(JOB_READ_BACKOFF)
                        .setMaximumInterval(
                                pollInterval.compareTo(JOB_READ_FIRST_INTERVAL) > 0
                                        ? pollInterval
                                        : JOB_READ_FIRST_INTERVAL)
                : every(pollInterval);
        return Workflow.newActivityStub(DrsActivities.class, polling(JOB_WAIT_WINDOW, schedule, summary));
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

    private Duration pollInterval() {
        return Duration.ofSeconds(spec.timing().pollIntervalSeconds());
    }

    /** A retry every {@code interval} exactly: backoff coefficient 1. */
    private static RetryOptions.Builder every(Duration interval) {
        return RetryOptions.newBuilder()
                .setInitialInterval(interval)
                .setBackoffCoefficient(1.0)
                .setMaximumInterval(interval);
    }

    /**
     * Polling activities: the retry policy is the loop, each retry waiting as the schedule says; no
     * maximum of attempts, bounded by the schedule-to-close window instead.
     */
    private static ActivityOptions polling(Duration window, RetryOptions.Builder schedule, String summary) {
        return ActivityOptions.newBuilder()
                // One attempt is one read (of a job, or of the bucket); the activities heartbeat while
                // it runs, so a worker that dies mid-attempt is replaced after the heartbeat timeout,
                // not after the whole start-to-close timeout: on a cutover night that is downtime.
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(POLL_HEARTBEAT_TIMEOUT)
                .setScheduleToCloseTimeout(window)
                .setRetryOptions(schedule.setMaximumAttempts(0)
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
