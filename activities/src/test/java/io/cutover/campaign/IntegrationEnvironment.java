package io.cutover.campaign;

import io.cutover.activities.BackupActivitiesImpl;
import io.cutover.activities.DrsActivitiesImpl;
import io.cutover.activities.WaveActivitiesImpl;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.MemberAnswer;
import io.cutover.activity.MemberAsk;
import io.cutover.activity.WaveActivities;
import io.cutover.backup.BackupStore;
import io.cutover.backup.LocalBackupStore;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.S3TestServer;
import io.cutover.drs.DrsClient;
import io.cutover.drs.DrsClientConfig;
import io.cutover.drs.RetryPolicy;
import io.cutover.drs.auth.StaticTokenAuth;
import io.cutover.simulator.DrsSimulator;
import io.cutover.simulator.SimulatorOptions;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.WaveSpec;
import io.cutover.wave.WaveState;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.cutover.wave.WaveWorkflowImpl;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The campaign with its real activities: the DRS client against the in-process DRS simulator on
 * 127.0.0.1, and the backup activities over a local folder (the simulator's bucket root too, so
 * its prechecks and LSN chain checks read the very files the campaign staged) or over an S3
 * server (s3proxy; the simulator then takes every file as present). Workflow time skips; the
 * simulator restores at once, since its restore time would be wall-clock time.
 */
final class IntegrationEnvironment implements AutoCloseable {

    static final String TOKEN = "integration-token-3f9c1e7a";
    static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    static final String TARGET = "0a3182607bc549bcb46cc9a8755761a6in04";
    static final String BUCKET = "sales-backups";
    static final String PREFIX = "sql01/sales/";
    static final String STAGING = "drs-staging/sales/";
    static final String DATABASE = "Sales";
    private static final String TASK_QUEUE = "campaigns";

    final DrsSimulator simulator;
    final BackupStore store;
    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    /** Every job id the waves' {@code submitJobs} answered (null for a final left to its member). */
    final List<String> submittedTogether = new CopyOnWriteArrayList<>();
    /** Members a wave's asks by update do not reach: answered UNREACHED without being asked. */
    final Set<String> unreachedByUpdate = ConcurrentHashMap.newKeySet();
    /** Members a wave's collection of PREPARED reports does not reach: answered UNREACHED without being asked. */
    final Set<String> uncollected = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final S3TestServer s3;
    private final DrsClient drs;
    /**
     * How long, in wall-clock time, a wait on a status goes on past its steps: restores that take
     * wall-clock time end after however many steps of skipped workflow time a busy machine runs.
     */
    private final Duration patience;
    /** Whether a wave was started here: its members may hold their workflow tasks open (see advance). */
    private boolean wavesStarted;

    private IntegrationEnvironment(Path root, S3TestServer s3) {
        this(root, s3, Duration.ZERO, true, true, 0);
    }

    /**
     * @param restoreTime how long each simulated restore takes
     * @param timeSkipping whether workflow time skips (tests) or runs at wall-clock speed (benchmarks)
     * @param abandonPollers the tests' activity options (see {@link #abandonPollers}), or
     *     production's, for a history that is recorded to be replayed
     */
    private IntegrationEnvironment(
            Path root,
            S3TestServer s3,
            Duration restoreTime,
            boolean timeSkipping,
            boolean abandonPollers,
            int maxRunningJobs) {
        this.root = root;
        this.s3 = s3;
        this.patience = restoreTime.isZero() ? Duration.ZERO : Duration.ofSeconds(90);
        SimulatorOptions.Builder simulatorOptions = SimulatorOptions.builder()
                .restoreTime(restoreTime)
                .maxRunningJobsPerInstance(maxRunningJobs)
                .token(TOKEN)
                .seed(7);
        if (s3 == null) {
            simulatorOptions.bucketRoot(root);
            store = new LocalBackupStore(root);
        } else {
            s3.createBucket(BUCKET);
            store = new ObsBackupStore(s3.config());
        }
        simulator = DrsSimulator.start(simulatorOptions.build());
        drs = new DrsClient(DrsClientConfig.builder()
                .endpoint(simulator.baseUri().toString())
                .projectId(PROJECT)
                .auth(new StaticTokenAuth(TOKEN))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2)))
                .build());
        TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(timeSkipping)
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(OperatorPayloadConverter.dataConverter())
                        .build());
        CampaignSearchAttributes.DEFINITIONS.forEach(options::registerSearchAttribute);
        env = TestWorkflowEnvironment.newInstance(options.build());
        client = env.getWorkflowClient();
        Worker worker = env.newWorker(TASK_QUEUE);
        if (abandonPollers) {
            worker.registerWorkflowImplementationTypes(
                    abandonPollers(), CampaignWorkflowImpl.class, WaveWorkflowImpl.class);
        } else {
            worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, WaveWorkflowImpl.class);
        }
        worker.registerActivitiesImplementations(
                recordingSubmissionsTogether(new DrsActivitiesImpl(drs)),
                oneListingPerAttempt(new BackupActivitiesImpl(store, workflowClock())),
                new SomeUnreached(new WaveActivitiesImpl(client), unreachedByUpdate, uncollected));
        env.start();
    }

    /**
     * The activities, except that the final watch lists once per attempt. Its attempts list again
     * for seconds of wall-clock time (see DiscoveryRequest.Watch), and the test server skips
     * workflow time meanwhile: each attempt times out on its heartbeat in skipped time, is started
     * again, and hundreds of them list at once. One listing per attempt, retried at the watch's
     * interval, is what the campaign asks of the server here; the watching attempt itself is
     * tested against a real S3 server (BackupActivitiesImplTest) and end to end on the dev server.
     */
    private static BackupActivities oneListingPerAttempt(BackupActivities activities) {
        return around(BackupActivities.class, activities, (method, args) -> {
            if (method.equals("awaitNewBackups")) {
                args[0] = ((DiscoveryRequest) args[0]).watching(null);
            }
        });
    }

    /** The DRS activities, keeping what {@code submitJobs} (a wave's finals) answered. */
    @SuppressWarnings("unchecked")
    private DrsActivities recordingSubmissionsTogether(DrsActivities activities) {
        return around(DrsActivities.class, activities, (method, args) -> {}, (method, result) -> {
            if (method.equals("submitJobs")) {
                submittedTogether.addAll((List<String>) result);
            }
        });
    }

    /** The wave's asks and collections, except that the members named are not asked and come back UNREACHED. */
    private record SomeUnreached(WaveActivities asks, Set<String> unreached, Set<String> uncollected)
            implements WaveActivities {
        @Override
        public List<MemberAnswer> askMembers(List<MemberAsk> all, long answerWithinMillis) {
            return reachable(all, unreached, some -> asks.askMembers(some, answerWithinMillis));
        }

        @Override
        public List<MemberAnswer> collectPrepared(List<MemberAsk> all, long withinMillis) {
            return reachable(all, uncollected, some -> asks.collectPrepared(some, withinMillis));
        }

        @Override
        public List<MemberAnswer> askToPrepare(
                List<MemberAsk> all, long preparedWithinMillis, long answerWithinMillis) {
            return reachable(all, unreached, some -> asks.askToPrepare(some, preparedWithinMillis, answerWithinMillis));
        }

        @Override
        public List<MemberAnswer> awaitPrepared(List<MemberAsk> all, long withinMillis) {
            return reachable(all, uncollected, some -> asks.awaitPrepared(some, withinMillis));
        }

        private static List<MemberAnswer> reachable(
                List<MemberAsk> all, Set<String> unreached, Function<List<MemberAsk>, List<MemberAnswer>> ask) {
            Map<String, MemberAnswer> heard = new HashMap<>();
            ask.apply(all.stream()
                            .filter(one -> !unreached.contains(one.campaignId()))
                            .toList())
                    .forEach(answer -> heard.put(answer.campaignId(), answer));
            return all.stream()
                    .map(one -> heard.getOrDefault(
                            one.campaignId(), MemberAnswer.unreached(one.campaignId(), "not asked (test)")))
                    .toList();
        }
    }

    private static <T> T around(Class<T> type, T activities, BiConsumer<String, Object[]> before) {
        return around(type, activities, before, (method, result) -> {});
    }

    /** The activities, with a look at (or a change to) the arguments before each call, and its result after. */
    private static <T> T around(
            Class<T> type, T activities, BiConsumer<String, Object[]> before, BiConsumer<String, Object> after) {
        InvocationHandler handler = (proxy, method, args) -> {
            before.accept(method.getName(), args);
            try {
                Object result = method.invoke(activities, args);
                after.accept(method.getName(), result);
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The simulator's bucket root and the backup store are one local folder. */
    static IntegrationEnvironment onLocalFolder() {
        try {
            return new IntegrationEnvironment(Files.createTempDirectory("campaign-it"), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On a local folder, each restore taking {@code restoreTime} of wall-clock time (workflow time
     * still skips), and the simulator refusing a create while a target instance runs
     * {@code maxRunningJobs} jobs.
     */
    static IntegrationEnvironment onLocalFolderWithJobLimit(Duration restoreTime, int maxRunningJobs)
            throws IOException {
        return new IntegrationEnvironment(
                Files.createTempDirectory("campaign-it"), null, restoreTime, true, true, maxRunningJobs);
    }

    /** On an S3 server, in wall-clock time, each restore taking {@code restoreTime}: for benchmarks. */
    static IntegrationEnvironment wallClockOnS3(Duration restoreTime) throws Exception {
        return new IntegrationEnvironment(null, S3TestServer.start(), restoreTime, false, true, 0);
    }

    /**
     * On a local folder with production's activity options, for recording a history to replay
     * (the test server's lock leak may then stall it: run it again).
     */
    static IntegrationEnvironment onLocalFolderAsInProduction() throws IOException {
        return new IntegrationEnvironment(
                Files.createTempDirectory("campaign-it"), null, Duration.ZERO, true, false, 0);
    }

    /** The backup store is an S3 server (OBS's S3 protocol). */
    static IntegrationEnvironment onS3() throws Exception {
        return new IntegrationEnvironment(null, S3TestServer.start());
    }

    /**
     * As in the workflows module's CampaignTestEnvironment: the 1.38.0 time-skipping test server
     * leaks a time-skipping lock when an activity is cancelled during its retry backoff, so the
     * polling activities are abandoned on interruption instead (the workflow sees the same).
     */
    private static WorkflowImplementationOptions abandonPollers() {
        ActivityOptions abandon = ActivityOptions.newBuilder()
                .setCancellationType(ActivityCancellationType.ABANDON)
                .build();
        return WorkflowImplementationOptions.newBuilder()
                .setActivityOptions(Map.of("AwaitNewBackups", abandon, "AwaitJob", abandon))
                .build();
    }

    /** Discovery judges settling by workflow time, which runs ahead of the files' wall-clock times. */
    private Clock workflowClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(env.currentTimeMillis());
            }
        };
    }

    /** Uploads a simulated backup under the prefix; returns its key. */
    String upload(String fileName, BackupType type, long firstLsn, long lastLsn) {
        String key = PREFIX + fileName;
        store.put(BUCKET, key, SimulatedBackupFile.toBytes(new BackupHeader(DATABASE, type, firstLsn, lastLsn), 1024));
        return key;
    }

    CampaignWorkflow start(CampaignSpec spec) {
        CampaignWorkflow workflow = client.newWorkflowStub(
                CampaignWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(spec.campaignId())
                        .setTaskQueue(TASK_QUEUE)
                        .build());
        WorkflowClient.start(workflow::run, spec, null);
        return workflow;
    }

    /** Starts a campaign from a spec typed by hand (a JSON object, as the Temporal UI sends it). */
    void startTyped(String campaignId, Map<String, Object> spec) {
        client.newUntypedWorkflowStub(
                        CampaignWorkflow.TYPE,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(campaignId)
                                .setTaskQueue(TASK_QUEUE)
                                .build())
                .start(spec, null);
    }

    /** Starts a wave; the workflow id is the wave id. */
    WaveWorkflow startWave(WaveSpec spec) {
        return startWave(spec, null);
    }

    /** Starts a wave with a first state of its own (a low continue-as-new threshold). */
    WaveWorkflow startWave(WaveSpec spec, WaveState first) {
        wavesStarted = true;
        WaveWorkflow wave = client.newWorkflowStub(
                WaveWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(spec.waveId())
                        .setTaskQueue(TASK_QUEUE)
                        .build());
        WorkflowClient.start(wave::run, spec, first);
        return wave;
    }

    WaveWorkflow wave(String waveId) {
        return client.newWorkflowStub(WaveWorkflow.class, waveId);
    }

    /** Advances workflow time a step at a time until the wave's status matches; fails after maxSteps. */
    WaveStatus awaitWave(String waveId, Predicate<WaveStatus> condition, Duration step, int maxSteps) {
        long patientUntil = System.nanoTime() + patience.toNanos();
        for (int i = 0; i < maxSteps || System.nanoTime() < patientUntil; i++) {
            WaveStatus status = PatientQuery.ask(wave(waveId)::status);
            if (condition.test(status)) {
                return status;
            }
            advance(step, () -> condition.test(PatientQuery.ask(wave(waveId)::status)));
        }
        throw new AssertionError("wave status never matched; last: " + PatientQuery.ask(wave(waveId)::status));
    }

    CampaignWorkflow campaign(String campaignId) {
        return client.newWorkflowStub(CampaignWorkflow.class, campaignId);
    }

    CampaignReport result(String campaignId) {
        try {
            return client.newUntypedWorkflowStub(campaignId).getResult(60, TimeUnit.SECONDS, CampaignReport.class);
        } catch (TimeoutException e) {
            throw new AssertionError("campaign " + campaignId + " did not finish; status: " + status(campaignId), e);
        }
    }

    /** The campaign's status, asked again while a workflow task fails ({@link PatientQuery}). */
    CampaignStatus status(String campaignId) {
        CampaignWorkflow workflow = campaign(campaignId);
        return PatientQuery.ask(workflow::status);
    }

    /**
     * Advances workflow time a step at a time until the status matches; fails after maxSteps (and,
     * where restores take wall-clock time, once its patience is spent too).
     */
    CampaignStatus awaitStatus(String campaignId, Predicate<CampaignStatus> condition, Duration step, int maxSteps) {
        long patientUntil = System.nanoTime() + patience.toNanos();
        for (int i = 0; i < maxSteps || System.nanoTime() < patientUntil; i++) {
            CampaignStatus status = status(campaignId);
            if (condition.test(status)) {
                return status;
            }
            advance(step, () -> condition.test(status(campaignId)));
        }
        throw new AssertionError("status never matched; last: " + status(campaignId));
    }

    /**
     * Advances workflow time by a step; once a wave runs here, a twelfth at a time until {@code
     * done} holds. The test server skips no time while a workflow task is open, and a wave's member
     * watching for its final keeps its task open (a local activity) for up to two minutes: a whole
     * step would then pass in wall-clock time. Campaigns alone keep whole steps, the time their
     * tests were written for.
     */
    private void advance(Duration step, BooleanSupplier done) {
        if (!wavesStarted) {
            env.sleep(step);
            return;
        }
        Duration slice = step.dividedBy(12);
        for (int i = 0; i < 12 && !done.getAsBoolean(); i++) {
            env.sleep(slice);
        }
    }

    /** Every run's history, first to last, following continue-as-new. */
    List<WorkflowExecutionHistory> histories(String campaignId) {
        return CampaignHistories.of(client, campaignId);
    }

    @Override
    public void close() {
        env.close();
        simulator.close();
        drs.close();
        store.close();
        if (s3 != null) {
            try {
                s3.close();
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not stop", e);
            }
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
