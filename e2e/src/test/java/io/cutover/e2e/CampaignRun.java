package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activity.AppliedBackup;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.e2e.SimulatorProcess.CreateCall;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.Timing;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One campaign of the suite: its backup feed, its workflow, and the checks on what the simulator
 * received. Each campaign restores its own database into its own target instance, so campaigns
 * of one suite never see each other's jobs.
 */
public final class CampaignRun {

    /** Poll every second, settle one second: the suite's clocks, small so that it runs quickly. */
    private static final Timing TIMING = new Timing(1, 1, 60, 1000, 1);

    private static final Duration FEED_INTERVAL = Duration.ofMillis(1500);
    /** The feed stops by itself after this many log backups: five minutes, past any test's timeout. */
    private static final int MAX_LOGS = 200;

    public final String id;
    public final String targetInstanceId;
    public final BackupFeed feed;
    private final E2eEnvironment env;
    private final WorkflowStub stub;

    private CampaignRun(E2eEnvironment env, String name, int maxLogs) {
        this(
                env,
                "cutover-e2e-" + name,
                "e2e" + name + "in04",
                env.feed("Db" + Character.toUpperCase(name.charAt(0)) + name.substring(1), FEED_INTERVAL, maxLogs));
    }

    private CampaignRun(E2eEnvironment env, String id, String targetInstanceId, BackupFeed feed) {
        this.env = env;
        this.id = id;
        this.targetInstanceId = targetInstanceId;
        this.feed = feed;
        this.stub = env.client.newUntypedWorkflowStub(
                CampaignWorkflow.TYPE,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(10))
                        .build());
    }

    /** Writes the full backup, starts the feed of log backups and the campaign on them. */
    public static CampaignRun start(E2eEnvironment env, String name) {
        return start(env, name, MAX_LOGS + 1);
    }

    /**
     * Like {@link #start(E2eEnvironment, String)}, with a source that writes {@code files} backups
     * (the full and its logs) and then stops, however far behind the campaign is.
     */
    public static CampaignRun start(E2eEnvironment env, String name, int files) {
        CampaignRun run = new CampaignRun(env, name, files - 1);
        run.stub.start(run.spec(), null);
        return run;
    }

    /**
     * The same campaign id started again on the same backups, restoring into another target
     * instance: a second rehearsal on a fresh instance, as an operator starts it after the first
     * one ended.
     */
    public CampaignRun startAgainOn(String otherTargetInstanceId) {
        CampaignRun again = new CampaignRun(env, id, otherTargetInstanceId, feed);
        again.stub.start(again.spec(), null);
        return again;
    }

    public CampaignSpec spec() {
        return spec(id, targetInstanceId, feed, TIMING);
    }

    /**
     * The suite's campaign on a feed's files: its database restored into {@code targetInstanceId},
     * staged copies beside the originals, precheck on, with the given clocks.
     */
    public static CampaignSpec spec(String id, String targetInstanceId, BackupFeed feed, Timing timing) {
        String database = feed.written().get(0).header().database();
        return new CampaignSpec(
                id,
                CampaignSpec.Mode.FULL_AND_INCREMENTAL,
                new TargetSpec(targetInstanceId, "off"),
                new SourceSpec(
                        feed.bucket(),
                        feed.prefix(),
                        feed.fullKey(),
                        new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                        database,
                        "staging/" + database.toLowerCase() + "/",
                        null),
                // The backup files stay in the bucket, so that the checks can read their LSN headers.
                new RestoreOptions(List.of(), true, false, null, false, true),
                "e2e",
                null,
                List.of(),
                "end-to-end test " + id,
                timing);
    }

    /** Waits until the simulator has finished {@code count} jobs of this campaign successfully. */
    public void awaitSucceededJobs(long count, Duration timeout) {
        Waits.until(
                count + " successful jobs of " + id,
                timeout,
                () -> env.simulator.succeededJobs(targetInstanceId) >= count);
    }

    /**
     * Waits until the simulator has made {@code count} jobs of this campaign, looking often, so that
     * whatever happens next happens right after the last create took effect.
     */
    public void awaitJobsMade(long count, Duration timeout) {
        Waits.until(count + " jobs of " + id, timeout, Duration.ofMillis(20), () -> jobsMade() >= count);
    }

    /** Jobs the simulator has made for this campaign, answered or not. */
    public int jobsMade() {
        return env.simulator.jobsOf(targetInstanceId).size();
    }

    /** This campaign's create calls, as the simulator received them. */
    public List<CreateCall> createCalls() {
        return env.simulator.createCalls().stream()
                .filter(call -> call.targetInstanceId().equals(targetInstanceId))
                .toList();
    }

    /** The operator's cutover through the Temporal CLI, "the next log backup is the final". */
    public void cutoverWithCli() {
        env.temporal.cli(
                "workflow", "signal",
                "--workflow-id", id,
                "--name", "cutover",
                "--input", "{\"finalBackup\":null}");
    }

    /**
     * The operator's cutover through the Temporal CLI's update, naming the final log backup; fails
     * if the campaign's validator rejects it.
     */
    public void cutoverWithCliUpdate(String finalBackupKey) {
        env.temporal.cli(
                "workflow",
                "update",
                "execute",
                "--workflow-id",
                id,
                "--name",
                "requestCutover",
                "--input",
                "{\"finalBackup\":\"" + finalBackupKey + "\"}");
    }

    /**
     * Waits until the simulator has received {@code count} creates of this campaign, looking often,
     * so that whatever happens next happens right after the last one reached DRS.
     */
    public void awaitCreateCalls(int count, Duration timeout) {
        Waits.until(
                count + " creates of " + id,
                timeout,
                Duration.ofMillis(20),
                () -> createCalls().size() >= count);
    }

    /** The campaign's workflow, for signals, updates and queries the suite's helpers do not wrap. */
    public WorkflowStub stub() {
        return stub;
    }

    /** The campaign's status query, as an operator's tool reads it. */
    public CampaignStatus status() {
        return stub.query("status", CampaignStatus.class);
    }

    public CampaignReport awaitReport(Duration timeout) {
        try {
            return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, CampaignReport.class);
        } catch (TimeoutException e) {
            throw new AssertionError(id + " did not complete within " + timeout, e);
        }
    }

    /**
     * The campaign's end-to-end contract, read from the simulator's record: the full first (full,
     * not last), then the log backups in chain order, each file in exactly one successful job, no
     * file skipped, and is_last_backup=true exactly once, on the last job.
     */
    public void assertRestoredExactlyOnceInOrder(CampaignReport report) {
        assertEquals(Phase.COMPLETED, report.finalPhase(), () -> id + ": " + report);
        List<CreateCall> calls = createCalls();
        assertTrue(calls.size() >= 4, () -> id + ": expected the full and at least 3 logs: " + calls);

        for (CreateCall call : calls) {
            assertEquals(200, call.status(), () -> "every create was accepted: " + call);
            assertEquals(1, call.objectKeys().size(), () -> "one file per job: " + call);
            assertEquals(feed.bucket(), call.bucket(), () -> "bucket of " + call);
        }
        List<BackupHeader> restored = calls.stream()
                .map(call -> feed.headerOf(call.objectKeys().get(0)))
                .toList();
        List<BackupHeader> chain =
                feed.written().stream().map(BackupFeed.WrittenBackup::header).toList();
        // The restored files are the chain's first files, in chain order: nothing skipped, nothing
        // twice, nothing out of order.
        assertEquals(chain.subList(0, restored.size()), restored, id + ": files restored");

        CreateCall full = calls.get(0);
        assertEquals(BackupType.FULL, restored.get(0).type());
        assertEquals("full", full.recoveryMode(), () -> "the full: " + full);
        assertFalse(full.lastBackup(), () -> "the full is not last: " + full);
        for (CreateCall log : calls.subList(1, calls.size())) {
            assertEquals("incre", log.recoveryMode(), () -> "a log backup: " + log);
        }
        long lastFlags = calls.stream().filter(CreateCall::lastBackup).count();
        assertEquals(1, lastFlags, () -> id + ": is_last_backup=true exactly once: " + calls);
        assertTrue(calls.get(calls.size() - 1).lastBackup(), id + ": the last job is the last backup");

        assertOneSuccessfulJobPerCreate(calls);
        // The report also lists backups that were never submitted (those that arrived after the
        // final one): they have no job.
        assertEquals(
                calls.stream().map(CreateCall::jobId).toList(),
                report.backups().stream()
                        .map(AppliedBackup::jobId)
                        .filter(Objects::nonNull)
                        .toList(),
                id + ": the report lists the jobs the simulator created, in order");
    }

    private void assertOneSuccessfulJobPerCreate(List<CreateCall> calls) {
        Set<String> names = new HashSet<>();
        long jobs = 0;
        for (JsonNode job : env.simulator.jobs()) {
            if (!job.path("target_instance_id").asText().equals(targetInstanceId)) {
                continue;
            }
            jobs++;
            assertEquals("SUCCESS", job.path("status").asText(), () -> "job " + job);
            assertTrue(names.add(job.path("name").asText()), () -> "job name used twice: " + job);
        }
        assertEquals(calls.size(), jobs, id + ": one job per create");
    }
}
