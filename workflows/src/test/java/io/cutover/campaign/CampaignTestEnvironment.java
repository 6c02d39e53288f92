package io.cutover.campaign;

import io.cutover.spec.CampaignSpec;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A time-skipping Temporal test environment with a worker running the campaign against the fake
 * DRS and bucket. Every client wait has a deadline: time-skipping waits were seen to hang.
 * Register it as a JUnit extension field: each test gets its own, closed after the test.
 */
final class CampaignTestEnvironment implements AfterEachCallback {

    static final String TASK_QUEUE = "campaigns";

    /**
     * The polling activities are abandoned instead of cancelled when the operator interrupts a
     * wait. The time-skipping test server of 1.38.0 leaks a time-skipping lock when an activity is
     * cancelled during its retry backoff: the pending retry timer still fires, takes the lock
     * ("activityRetryTimer"), queues a task the server then skips as outdated, and nothing ever
     * releases the lock; from then on workflow time only advances at wall-clock speed, and a test
     * waiting for a 5-minute step hangs. Polling activities spend nearly all their time in that
     * backoff (their retry policy is the poll loop), so every cutover, pause or abort that
     * interrupts a watch planted the leak; whether a test hung depended on whether it needed
     * workflow time after the retry timer fell due. The workflow sees the same thing either way
     * (the activity's promise fails with a CanceledFailure at once); only the command sent to the
     * server differs, and the recorded replay histories keep the production commands covered.
     */
    static final WorkflowImplementationOptions TEST_SERVER_SAFE_OPTIONS = abandonPollers();

    private static final long RESULT_DEADLINE_SECONDS = 45;

    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final FakeDrs drs;
    final FakeBucket bucket;
    final long startMillis;
    private final Worker replayer;

    CampaignTestEnvironment() {
        this(TEST_SERVER_SAFE_OPTIONS);
    }

    /** With worker interceptors, e.g. one that loses a workflow task as a crashed worker would. */
    CampaignTestEnvironment(WorkerInterceptor... interceptors) {
        this(TEST_SERVER_SAFE_OPTIONS, interceptors);
    }

    /**
     * With the given workflow options: {@link HistoryRecorderTest} records with the production
     * ones ({@code WorkflowImplementationOptions.getDefaultInstance()}), so that the histories it
     * saves hold the commands production sends.
     */
    CampaignTestEnvironment(WorkflowImplementationOptions workflowOptions, WorkerInterceptor... interceptors) {
        TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(true)
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(interceptors)
                        .build());
        CampaignSearchAttributes.DEFINITIONS.forEach(options::registerSearchAttribute);
        env = TestWorkflowEnvironment.newInstance(options.build());
        client = env.getWorkflowClient();
        drs = new FakeDrs(env::currentTimeMillis);
        bucket = new FakeBucket(env::currentTimeMillis);
        Worker worker = env.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(workflowOptions, CampaignWorkflowImpl.class);
        worker.registerActivitiesImplementations(drs, bucket);
        replayer = env.newWorker(TASK_QUEUE + "-replay");
        replayer.registerWorkflowImplementationTypes(workflowOptions, CampaignWorkflowImpl.class);
        env.start();
        startMillis = env.currentTimeMillis();
    }

    static WorkflowImplementationOptions abandonPollers() {
        ActivityOptions abandon = ActivityOptions.newBuilder()
                .setCancellationType(ActivityCancellationType.ABANDON)
                .build();
        return WorkflowImplementationOptions.newBuilder()
                .setActivityOptions(Map.of("AwaitNewBackups", abandon, "AwaitJob", abandon))
                .build();
    }

    /** Starts a campaign; the workflow id is the campaign id. */
    CampaignWorkflow start(CampaignSpec spec, CampaignState carried) {
        CampaignWorkflow workflow = client.newWorkflowStub(
                CampaignWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(spec.campaignId())
                        .setTaskQueue(TASK_QUEUE)
                        .build());
        WorkflowClient.start(workflow::run, spec, carried);
        return workflow;
    }

    /** A stub for the campaign's current run (signals, updates and queries follow continue-as-new). */
    CampaignWorkflow campaign(String campaignId) {
        return client.newWorkflowStub(CampaignWorkflow.class, campaignId);
    }

    CampaignReport result(String campaignId) {
        return result(campaignId, RESULT_DEADLINE_SECONDS);
    }

    CampaignReport result(String campaignId, long deadlineSeconds) {
        try {
            return client.newUntypedWorkflowStub(campaignId)
                    .getResult(deadlineSeconds, TimeUnit.SECONDS, CampaignReport.class);
        } catch (java.util.concurrent.TimeoutException e) {
            List<HistoryEvent> events = client.fetchHistory(campaignId).getEvents();
            throw new AssertionError(
                    "campaign " + campaignId + " did not finish in time; status: "
                            + status(campaignId) + "; last events: "
                            + events.subList(Math.max(0, events.size() - 8), events.size()),
                    e);
        }
    }

    WorkflowStub untyped(String campaignId) {
        return client.newUntypedWorkflowStub(campaignId);
    }

    /** The campaign's status, asked again while a workflow task fails on purpose ({@link PatientQuery}). */
    CampaignStatus status(String campaignId) {
        CampaignWorkflow workflow = campaign(campaignId);
        return PatientQuery.ask(workflow::status);
    }

    /**
     * Advances workflow time in steps until the status matches; fails after maxSteps. A zero step
     * waits 20 ms of real time instead, for campaigns that progress without timers.
     */
    CampaignStatus awaitStatus(String campaignId, Predicate<CampaignStatus> condition, Duration step, int maxSteps) {
        for (int i = 0; i < maxSteps; i++) {
            CampaignStatus status = status(campaignId);
            if (condition.test(status)) {
                return status;
            }
            if (step.isZero()) {
                sleepRealTime(20);
            } else {
                env.sleep(step);
            }
        }
        throw new AssertionError("status never matched; last: " + status(campaignId));
    }

    private static void sleepRealTime(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Replays a run recorded here with the options it ran with: nondeterminism fails it. */
    void replay(WorkflowExecutionHistory history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(history, replayer);
    }

    /** Every run's history, first to last, following continue-as-new. */
    List<WorkflowExecutionHistory> histories(String campaignId) {
        return CampaignHistories.of(client, campaignId);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        env.close();
    }
}
