package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.JobOutcome;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories that {@link CampaignReplayTest} replays on every build. Run it on purpose
 * when a change to the workflow is meant to be compatible with campaigns already running, and
 * commit the files: {@code mvn -pl workflows test -Dtest=HistoryRecorderTest -DrecordHistories=true}.
 * It never runs in a normal build, so recorded histories stay those of the older code.
 */
@EnabledIfSystemProperty(named = "recordHistories", matches = "true")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryRecorderTest {

    static final Path DIRECTORY = Path.of("src/test/resources/histories");
    private static final long MINUTE = 60_000;

    /**
     * Production's options: a recorded history must hold the commands production sends. The test
     * server's lock leak (see CampaignTestEnvironment) can then stall a recording (workflow time
     * moving at wall-clock speed once a cancelled watcher's retry timer fires) until its timeout;
     * recording is rare and done by hand: run it again.
     */
    @RegisterExtension
    final CampaignTestEnvironment test =
            new CampaignTestEnvironment(WorkflowImplementationOptions.getDefaultInstance());

    /** Failure, retry, skip, pause, continue-as-new every two files and a named cutover. */
    @Test
    void recordFullAndIncrementalWithOperatorActions() throws IOException {
        String id = "replay-full-and-incremental";
        String full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        for (int i = 1; i <= 7; i++) {
            test.bucket.uploadLog(test.startMillis + i * 10 * MINUTE);
        }
        String last = FakeBucket.key("LOG", test.startMillis + 70 * MINUTE);
        test.drs
                .endJob(3, JobOutcome.State.FAILED)
                .endJob(5, JobOutcome.State.PRECHECK_FAILED)
                .loseAnswerOnCreate(2);
        CampaignSpec spec = TestCampaigns.fullAndIncremental(id, full, new Timing(60, 30, 1800, 2, 1));
        CampaignWorkflow campaign = test.start(spec, null);
        test.awaitStatus(id, s -> s.phase() == Phase.BLOCKED, Duration.ofMinutes(5), 40);
        campaign.retry();
        CampaignStatus blocked = test.awaitStatus(id, s -> s.phase() == Phase.BLOCKED, Duration.ofMinutes(5), 40);
        test.campaign(id).skip(new SkipRequest(blockedKey(blocked), "verified empty"));
        test.campaign(id).pause();
        test.env.sleep(Duration.ofMinutes(30));
        test.campaign(id).resume();
        test.awaitStatus(id, s -> s.appliedCount() >= 4, Duration.ofMinutes(5), 40);
        test.campaign(id).requestCutover(new CutoverRequest(last));
        test.awaitStatus(id, s -> s.phase() == Phase.COMPLETED, Duration.ofMinutes(5), 40);
        save(id);
    }

    /**
     * A campaign with a run identity (change id job-identity): drawn in the first run, carried
     * across continue-as-new every two files into every job's name and tag, with a lost create
     * answer found again by name.
     */
    @Test
    void recordJobIdentity() throws IOException {
        String id = "replay-job-identity";
        String full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        for (int i = 1; i <= 5; i++) {
            test.bucket.uploadLog(test.startMillis + i * 10 * MINUTE);
        }
        String last = FakeBucket.key("LOG", test.startMillis + 50 * MINUTE);
        test.drs.loseAnswerOnCreate(3);
        CampaignWorkflow campaign =
                test.start(TestCampaigns.fullAndIncremental(id, full, new Timing(60, 30, 1800, 2, 1)), null);
        test.awaitStatus(id, s -> s.appliedCount() >= 4, Duration.ofMinutes(5), 40);
        campaign.requestCutover(new CutoverRequest(last));
        test.awaitStatus(id, s -> s.phase() == Phase.COMPLETED, Duration.ofMinutes(5), 40);
        save(id);
    }

    /**
     * Quick waits (change id quick-waits): jobs of 5 s seen ended by reads backing off from 1 s, and a
     * named final watched every second until it is uploaded 40 s after the cutover request.
     */
    @Test
    void recordQuickWaits() throws IOException {
        String id = "replay-quick-waits";
        String full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        for (int i = 1; i <= 2; i++) {
            test.bucket.uploadLog(test.startMillis - 50 * MINUTE + i * MINUTE);
        }
        test.drs.restoreTime(Duration.ofSeconds(5));
        CampaignWorkflow campaign =
                test.start(TestCampaigns.fullAndIncremental(id, full, new Timing(60, 0, 1800, 1000, 1)), null);
        test.awaitStatus(id, s -> s.appliedCount() >= 2, Duration.ofSeconds(5), 100);
        String last = FakeBucket.key("LOG", test.env.currentTimeMillis() + 40_000);
        campaign.requestCutover(new CutoverRequest(last));
        test.env.sleep(Duration.ofSeconds(40));
        test.bucket.upload(last, test.env.currentTimeMillis());
        test.awaitStatus(id, s -> s.phase() == Phase.COMPLETED, Duration.ofSeconds(5), 100);
        save(id);
    }

    /** An unnamed cutover whose final file arrives after the alarm. */
    @Test
    void recordUnnamedCutoverWithAlarm() throws IOException {
        String id = "replay-unnamed-cutover";
        String full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        test.bucket.uploadLog(test.startMillis + 10 * MINUTE);
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental(id, full), null);
        test.awaitStatus(id, s -> s.appliedCount() >= 1, Duration.ofMinutes(5), 40);
        campaign.cutover(new CutoverRequest(null));
        test.awaitStatus(id, s -> !s.alarms().isEmpty(), Duration.ofMinutes(5), 40);
        test.bucket.uploadLog(test.env.currentTimeMillis());
        test.awaitStatus(id, s -> s.phase() == Phase.COMPLETED, Duration.ofMinutes(5), 40);
        save(id);
    }

    @Test
    void recordOneTimeFull() throws IOException {
        String id = "replay-one-time-full";
        String full = test.bucket.upload(FakeBucket.key("FULL", test.startMillis - MINUTE), test.startMillis - MINUTE);
        test.start(TestCampaigns.oneTimeFull(id, full), null);
        test.result(id);
        save(id);
    }

    @Test
    void recordRdsFull() throws IOException {
        String id = "replay-rds-full";
        test.start(TestCampaigns.rdsFull(id), null);
        test.result(id);
        save(id);
    }

    /** The blocked file is the last one tried: its failed attempt ends the recent list. */
    private static String blockedKey(CampaignStatus status) {
        List<AppliedBackup> recent = status.applied();
        return recent.get(recent.size() - 1).key();
    }

    /** One file per run, so that every run (including continued ones) is replayed. */
    private void save(String campaignId) throws IOException {
        Files.createDirectories(DIRECTORY);
        List<WorkflowExecutionHistory> runs = test.histories(campaignId);
        for (int i = 0; i < runs.size(); i++) {
            Path file = DIRECTORY.resolve(campaignId + "-run" + (i + 1) + ".json");
            Files.writeString(file, runs.get(i).toJson(true), StandardCharsets.UTF_8);
        }
    }
}
