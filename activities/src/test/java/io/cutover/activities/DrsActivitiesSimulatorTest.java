package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.SubmittedJob;
import io.cutover.simulator.DrsCall;
import io.cutover.simulator.DrsSimulator;
import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.SimulatorOptions;
import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The activities against the DRS simulator and its fault injection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrsActivitiesSimulatorTest {

    private DrsSimulator simulator;
    private ActivityHarness harness;
    private DrsActivities activities;

    @BeforeEach
    void start() {
        simulator = DrsSimulator.start(
                SimulatorOptions.builder().restoreTime(Duration.ofMillis(300)).build());
        harness = new ActivityHarness(simulator.baseUri().toString());
        activities = harness.activities;
    }

    @AfterEach
    void stop() {
        harness.close();
        simulator.close();
    }

    private static JobRequest full(String name) {
        return JobRequest.builder()
                .name(name)
                .target("0a3182607bc549bcb46cc9a8755761a6in04", null)
                .obsFile("zyy-obs", "sales_FULL_20261128_120000.bak", "sales/")
                .recovery(JobRequest.RecoveryMode.FULL, false)
                .precheck(true)
                .defaultRestore(true)
                .deleteBackupFile(true)
                .build();
    }

    /** Temporal's retries of awaitJob, played by hand with a bound. */
    private JobOutcome awaitJob(String jobId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return activities.awaitJob(jobId);
            } catch (ActivityFailure stillRunning) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    @Test
    void lostCreateAnswerThenRetryMakesExactlyOneJobWhichSucceeds() throws Exception {
        simulator.faults().dropNextCreates(1);

        assertThrows(ActivityFailure.class, () -> activities.submitJob(full("camp-1-full")));
        String jobId = activities.submitJob(full("camp-1-full"));

        assertEquals(1, simulator.jobs().size());
        assertEquals(simulator.jobs().get(0).id(), jobId);
        assertTrue(awaitJob(jobId).succeeded());
    }

    @Test
    void aCreateThatTimesOutAfterItsJobWasMadeIsFoundByNameOnTheRetry() throws Exception {
        // The worker's drs.timeoutSeconds is its client's call timeout: 1 s here, DRS answers after 3 s.
        simulator.faults().timeoutRate(DrsCall.CREATE, 1.0).timeout(Duration.ofSeconds(3));
        try (ActivityHarness impatient = new ActivityHarness(
                simulator.baseUri().toString(), config -> config.callTimeout(Duration.ofSeconds(1)))) {
            long before = System.nanoTime();
            assertThrows(ActivityFailure.class, () -> impatient.activities.submitJob(full("camp-2-full")));
            assertTrue(
                    System.nanoTime() - before < TimeUnit.SECONDS.toNanos(3), "the client gave up before the answer");

            String jobId = impatient.activities.submitJob(full("camp-2-full"));

            assertEquals(1, simulator.jobs().size(), "the timed-out create's job, not a second one");
            assertEquals(simulator.jobs().get(0).id(), jobId);
            assertTrue(awaitJob(jobId).succeeded());
        }
    }

    /**
     * A wave's finals, submitted together: more of them than run at once, one already made (found,
     * not made again), one refused before it is sent (null; the others are made all the same).
     */
    @Test
    void jobsSubmittedTogetherAreEachMadeOnceAndARefusalSparesTheOthers() {
        String earlier = activities.submitJob(full("wave-final-0"));
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < DrsActivitiesImpl.PARALLEL_SUBMISSIONS + 2; i++) {
            requests.add(full("wave-final-" + i));
        }
        requests.add(full("not a job name"));

        List<String> jobIds = activities.submitJobs(requests);

        assertEquals(requests.size(), jobIds.size(), jobIds.toString());
        assertEquals(earlier, jobIds.get(0), "the job made before is found, not made again");
        assertNull(jobIds.get(requests.size() - 1), "the refused request has no job");
        assertEquals(
                DrsActivitiesImpl.PARALLEL_SUBMISSIONS + 2, simulator.jobs().size());
        assertEquals(
                simulator.jobs().stream().map(SimulatedJob::id).collect(Collectors.toSet()),
                jobIds.stream().filter(Objects::nonNull).collect(Collectors.toSet()),
                "one job per name, each answered to its request");
    }

    @Test
    void namesThatOnlyContainTheWantedOneAreNotMistakenForIt() {
        activities.submitJob(full("camp-1-full-2"));

        activities.submitJob(full("camp-1-full"));

        assertEquals(2, simulator.jobs().size());
    }

    /**
     * The submission's read finds a job of a simulator restoring in a minute still TRANSFERRING, so
     * the workflow waits for it; with restore time 0 the job has ended before create answers, and
     * the same read returns how it ended (what the benchmarks run with).
     */
    @Test
    void theSubmissionsReadSeesARunningJobAsRunningAndAnInstantRestoreAsEnded() {
        assertNull(submitAndReadOn(Duration.ofMinutes(1)).ended());

        assertEquals(
                JobOutcome.State.SUCCESS, submitAndReadOn(Duration.ZERO).ended().state());
    }

    private static SubmittedJob submitAndReadOn(Duration restoreTime) {
        try (DrsSimulator drs = DrsSimulator.start(
                        SimulatorOptions.builder().restoreTime(restoreTime).build());
                ActivityHarness on = new ActivityHarness(drs.baseUri().toString())) {
            SubmittedJob submitted = on.activities.submitJobAndRead(full("camp-2-full"));
            assertEquals(drs.jobs().get(0).id(), submitted.jobId());
            return submitted;
        }
    }
}
