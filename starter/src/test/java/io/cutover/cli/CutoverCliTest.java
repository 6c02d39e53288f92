package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.codec.EncryptedDataConverter;
import io.cutover.codec.KeyRing;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WavePriorities;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.cutover.wave.WaveWorkflowImpl;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class CutoverCliTest {

    private static final String ID = "cutover-orders-db";

    @TempDir
    Path dir;

    private TestWorkflowEnvironment env;
    private Path spec;

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void setUp() throws URISyntaxException {
        env = TestWorkflowEnvironment.newInstance();
        env.newWorker("cutover-campaigns")
                .registerWorkflowImplementationTypes(FakeCampaignWorkflow.class, WaveWorkflowImpl.class);
        env.start();
        spec = Path.of(CutoverCliTest.class.getResource("/campaign.yaml").toURI());
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private Result runWithInput(String input, String... args) {
        return runWith(connection -> env.getWorkflowClient(), input, args);
    }

    private static Result runWith(Function<Connection, WorkflowClient> clients, String input, String... args) {
        return runWith(clients, new StringWriter(), input, args);
    }

    /** Runs the CLI writing into {@code out}, which another thread may read while it runs. */
    private static Result runWith(
            Function<Connection, WorkflowClient> clients, StringWriter out, String input, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = CutoverCli.commandLine(clients, new BufferedReader(new StringReader(input)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return runWithInput("", args);
    }

    private CampaignStatus statusOf(String id) {
        return env.getWorkflowClient()
                .newWorkflowStub(CampaignWorkflow.class, id)
                .status();
    }

    private void started() {
        assertEquals(0, run("start", spec.toString()).exitCode());
    }

    @Test
    void everyCommandHasHelp() {
        Result top = run("--help");
        assertEquals(0, top.exitCode());
        for (String command : new String[] {
            "start", "status", "list", "cutover", "pause", "resume", "retry", "skip", "abort", "report"
        }) {
            assertTrue(top.out().contains(command), command);
            Result help = run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: cutover " + command), help.out());
            assertTrue(help.out().contains("--address"), command + " inherits the connection options");
        }
        assertTrue(top.out().contains("3   no such campaign"), top.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("status").exitCode());
        Result skip = run("skip", ID, "--file", "x.trn");
        assertEquals(2, skip.exitCode());
        assertTrue(skip.err().contains("--reason"), skip.err());
        assertEquals(2, run("frobnicate").exitCode());
        Result missing = run("start", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such spec file"), missing.err());
    }

    @Test
    void startPrintsThePlanAndStartsTheCampaign() {
        Result result = run("start", spec.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("campaign cutover-orders-db (FULL_AND_INCREMENTAL)"), result.out());
        assertTrue(
                result.out()
                        .contains(
                                "1. restore the full backup obs://sql-backups/orders/SRV$SQL_orders_FULL_20260101_010000.bak"),
                result.out());
        assertTrue(result.out().contains("databases [orders]"), result.out());
        assertTrue(result.out().contains("cutover status cutover-orders-db --watch"), result.out());
        assertEquals(Phase.CATCHING_UP, statusOf(ID).phase());
    }

    @Test
    void theDocumentedWaveIsValidAndItsDryRunShowsEveryMembersPlan() {
        Result result =
                run("start", "--dry-run", Path.of("../docs/wave.example.yaml").toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("wave erp-wave: 3 databases, cut over together"), result.out());
        for (String member : List.of("erp-wave-orders", "erp-wave-billing", "erp-wave-stock")) {
            assertTrue(result.out().contains("campaign " + member + " (FULL_AND_INCREMENTAL)"), result.out());
        }
        assertTrue(result.out().contains("dry run: the wave spec is valid; nothing was started"), result.out());
    }

    @Test
    void aWaveStartsAsAWorkflowOfItsOwnWithEveryMember() {
        Result result = run("start", Path.of("../docs/wave.example.yaml").toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("started wave erp-wave"), result.out());
        WaveStatus status = env.getWorkflowClient()
                .newWorkflowStub(WaveWorkflow.class, "erp-wave")
                .status();
        assertEquals(
                List.of("erp-wave-orders", "erp-wave-billing", "erp-wave-stock"),
                status.members().stream().map(MemberReport::campaignId).toList());
        // The wave's tasks go ahead of its members' (which run at the default, not the wave's).
        assertEquals(WavePriorities.WAVE.getPriorityKey(), startedPriority("erp-wave"));
        for (String member : List.of("erp-wave-orders", "erp-wave-billing", "erp-wave-stock")) {
            assertEquals(WavePriorities.MEMBERS.getPriorityKey(), startedPriority(member), member);
        }
    }

    /**
     * The priority key a workflow was started with, once it has started: the wave starts its
     * members one after another (at most 30 s).
     */
    private int startedPriority(String workflowId) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                HistoryEvent started = env.getWorkflowClient()
                        .fetchHistory(workflowId)
                        .getEvents()
                        .get(0);
                return started.getWorkflowExecutionStartedEventAttributes()
                        .getPriority()
                        .getPriorityKey();
            } catch (RuntimeException notStartedYet) {
                assertTrue(System.nanoTime() < deadline, workflowId + " never started");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void aWavesStatusCutoverAndPauseGoToTheWaveAndItsMembers() {
        assertEquals(
                0, run("start", Path.of("../docs/wave.example.yaml").toString()).exitCode());

        Result status = run("status", "erp-wave");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("wave        erp-wave"), status.out());
        for (String member : List.of("erp-wave-orders", "erp-wave-billing", "erp-wave-stock")) {
            assertTrue(status.out().contains(member), status.out());
        }

        // The fake members never report to their wave: it refuses the cutover, naming each.
        Result cutover = run("cutover", "erp-wave", "--member-final", "Orders=tail.trn", "--yes");
        assertTrue(cutover.exitCode() != 0, cutover.out());
        assertTrue(cutover.out().contains("erp-wave-orders (VALIDATING): final tail.trn"), cutover.out());
        assertTrue(
                cutover.err().contains("erp-wave-billing: premature: its full restore has not succeeded yet"),
                cutover.err());

        Result pause = run("pause", "erp-wave");
        assertEquals(0, pause.exitCode(), pause.err());
        assertTrue(pause.out().contains("pause sent to wave erp-wave"), pause.out());
        awaitSignal("erp-wave-stock", "pause");
    }

    /** Waits (at most 30 s) until a fake member recorded the signal the wave passed on. */
    private void awaitSignal(String campaignId, String signal) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!statusOf(campaignId).reports().contains(signal)) {
            assertTrue(System.nanoTime() < deadline, campaignId + " never got " + signal);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aWaveWithMistakesIsRefusedNamingEachAndNothingStarts() throws IOException {
        Path bad = dir.resolve("wave.yaml");
        Files.writeString(
                bad,
                Files.readString(Path.of("../docs/wave.example.yaml"))
                        .replace("bucket: sql-backups", "bucket: null")
                        .replace("prefix: erp/stock/", "prefix: null")
                        .replace("database: Billing", "database: Orders"));

        Result result = run("start", bad.toString());

        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("defaults.source.bucket"), result.err());
        assertTrue(result.err().contains("members[1].database: names Orders a second time"), result.err());
        assertTrue(result.err().contains("members[2].prefix"), result.err());
        assertTrue(result.err().contains("nothing was started"), result.err());
    }

    @Test
    void theDocumentedExampleSpecIsValid() {
        Result result = run(
                "start", "--dry-run", Path.of("../docs/campaign.example.yaml").toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("campaign cutover-orders-db (FULL_AND_INCREMENTAL)"), result.out());
    }

    @Test
    void ruleViolationsFromTheValidatorAreListedWithTheirFields() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("rules.yaml"),
                Files.readString(spec)
                        .replace("bucket: sql-backups", "bucket: SQL_Backups")
                        .replace("pollIntervalSeconds: 30", "pollIntervalSeconds: 0"));

        Result result = run("start", bad.toString());

        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("source.bucket: 3 to 63 lowercase letters"), result.err());
        assertTrue(result.err().contains("timing.pollIntervalSeconds: between 1 and"), result.err());
        assertTrue(result.err().contains("nothing was started"), result.err());
    }

    @Test
    void startingARunningCampaignAgainFails() {
        started();

        Result again = run("start", spec.toString());

        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("campaign cutover-orders-db is already running"), again.err());
    }

    @Test
    void dryRunValidatesWithoutStarting() {
        Result result = run("start", "--dry-run", spec.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("nothing was started"), result.out());
        assertEquals(3, run("status", ID).exitCode());
    }

    @Test
    void badSpecIsRejectedNamingTheFieldAndNothingStarts() throws IOException {
        Path unknownField = Files.writeString(
                dir.resolve("bad.yaml"), Files.readString(spec).replace("prefix: orders/", "prefx: orders/"));
        Result unknown = run("start", unknownField.toString());
        assertEquals(4, unknown.exitCode());
        assertTrue(unknown.err().contains("source.prefx"), unknown.err());

        Path noId = Files.writeString(
                dir.resolve("noid.yaml"), Files.readString(spec).replace("campaignId: cutover-orders-db\n", ""));
        Result invalid = run("start", noId.toString());
        assertEquals(4, invalid.exitCode());
        assertTrue(invalid.err().contains("campaignId: "), invalid.err());

        Path badEnum = Files.writeString(
                dir.resolve("enum.yaml"),
                Files.readString(spec).replace("mode: FULL_AND_INCREMENTAL", "mode: INCREMENTAL"));
        Result wrongMode = run("start", badEnum.toString());
        assertEquals(4, wrongMode.exitCode());
        assertTrue(
                wrongMode
                        .err()
                        .contains("mode: must be one of FULL_AND_INCREMENTAL, ONE_TIME_FULL, RDS_FULL; got"
                                + " \"INCREMENTAL\""),
                wrongMode.err());

        assertEquals(3, run("status", ID).exitCode());
    }

    @Test
    void statusShowsTheLiveTable() {
        started();

        Result result = run("status", ID);

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("phase       CATCHING_UP"), out);
        assertTrue(out.contains("full job    orders/FULL.bak"), out);
        assertTrue(out.contains("applied     2 log backups"), out);
        assertTrue(out.contains("pending     2: orders/LOG_0003.trn, orders/LOG_0004.trn"), out);
        assertTrue(out.contains("lag         42s"), out);
        assertTrue(out.contains("blocked     -"), out);
        assertTrue(out.contains("cutover     not requested"), out);
        assertTrue(out.contains("orders/LOG_0002.trn"), out);
        assertTrue(out.contains("1m00s"), out);
    }

    @Test
    void watchRefreshesUntilTheCampaignEnds() throws InterruptedException {
        started();
        StringWriter out = new StringWriter();
        // The abort is sent once two tables have been printed (not after a fixed time, which a busy
        // machine can spend before the first table), so that at least three are printed in all.
        Thread aborter = new Thread(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (out.toString().split("----\n", -1).length < 3 && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            env.getWorkflowClient()
                    .newWorkflowStub(CampaignWorkflow.class, ID)
                    .abort(new io.cutover.campaign.AbortRequest("test over"));
        });
        aborter.start();

        Result result =
                runWith(connection -> env.getWorkflowClient(), out, "", "status", ID, "--watch", "--interval", "1");
        aborter.join();

        assertEquals(0, result.exitCode(), result.err());
        String[] tables = result.out().split("----\n");
        assertTrue(tables.length >= 3, result.out());
        assertTrue(tables[0].contains("phase       CATCHING_UP"), tables[0]);
        assertTrue(tables[tables.length - 1].contains("phase       ABORTED"), tables[tables.length - 1]);
    }

    @Test
    void unknownCampaignExitsWithThreeAndSaysWhatToDo() {
        for (String[] args : new String[][] {
            {"status", "nope"},
            {"pause", "nope"},
            {"abort", "nope", "--reason", "x"},
            {"cutover", "nope", "--yes"},
            {"report", "nope"}
        }) {
            Result result = run(args);
            assertEquals(3, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertTrue(result.err().contains("'cutover list' shows the campaigns"), result.err());
        }
    }

    @Test
    void operatorSignalsReachTheCampaign() {
        started();

        assertEquals(0, run("pause", ID).exitCode());
        assertEquals(0, run("resume", ID).exitCode());
        assertEquals(0, run("retry", ID).exitCode());
        Result skip = run("skip", ID, "--file", "orders/LOG_0003.trn", "--reason", "corrupt upload");
        assertEquals(0, skip.exitCode(), skip.err());
        assertTrue(skip.out().contains("skip of orders/LOG_0003.trn sent to campaign " + ID), skip.out());

        assertEquals(
                List.of("pause", "resume", "retry", "skip orders/LOG_0003.trn because corrupt upload"),
                statusOf(ID).reports());

        assertEquals(0, run("abort", ID, "--reason", "wrong instance").exitCode());
        Result report = run("report", ID, "--wait");
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("result      ABORTED"), report.out());
        assertTrue(report.out().contains("aborted     wrong instance"), report.out());
    }

    @Test
    void cutoverAsksForTheCampaignIdAndSendsNothingWithoutIt() {
        started();

        Result refused = runWithInput("no\n", "cutover", ID, "--final", "orders/LOG_0004.trn");

        assertEquals(1, refused.exitCode());
        assertTrue(refused.out().contains("still to apply   1 backup(s): orders/LOG_0003.trn"), refused.out());
        assertTrue(refused.out().contains("final backup     orders/LOG_0004.trn"), refused.out());
        assertTrue(refused.err().contains("cutover not confirmed; nothing was sent"), refused.err());
        assertNull(statusOf(ID).cutover());
    }

    @Test
    void confirmedCutoverGoesThroughTheValidatedUpdateOnlyOnce() {
        started();

        Result accepted = runWithInput(ID + "\n", "cutover", ID);

        assertEquals(0, accepted.exitCode(), accepted.err());
        assertTrue(accepted.out().contains("cutover accepted by campaign " + ID), accepted.out());
        assertTrue(accepted.out().contains("(not in the bucket yet: upload the tail-log backup now)"), accepted.out());

        Result repeated = run("cutover", ID, "--yes");
        assertEquals(4, repeated.exitCode());
        assertTrue(
                repeated.err().contains("the campaign rejected the request: a cutover was already requested"),
                repeated.err());
    }

    @Test
    void reportWaitsForTheEndOrSaysHowTo() {
        started();

        Result early = run("report", ID);
        assertEquals(1, early.exitCode());
        assertTrue(early.err().contains("still running"), early.err());
        assertTrue(early.err().contains("--wait"), early.err());

        assertEquals(
                0, run("cutover", ID, "--yes", "--final", "orders/LOG_0005.trn").exitCode());
        Result report = run("report", ID, "--wait");
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("result      COMPLETED"), report.out());
        assertTrue(report.out().contains("downtime    1m35s"), report.out());
        assertTrue(report.out().contains("orders/LOG_0005.trn"), report.out());
    }

    @Test
    void unreachableTemporalFailsWithOneAndSaysWhereItLooked() {
        StringWriter err = new StringWriter();
        CommandLine cli = CutoverCli.commandLine(Connection.TEMPORAL, new BufferedReader(new StringReader("")));
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        int code = cli.execute("--address", "127.0.0.1:1", "status", ID);

        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("cannot reach Temporal at 127.0.0.1:1"), err.toString());
    }

    @Test
    void listShowsCampaignsByPhaseFromTheirSearchAttributes() throws IOException {
        try (FakeVisibilityService visibility = new FakeVisibilityService(List.of(
                FakeVisibilityService.campaign("orders", "CATCHING_UP", "inst-1", 12),
                FakeVisibilityService.campaign("billing", "BLOCKED", "inst-2", 3)))) {
            CommandLine cli = CutoverCli.commandLine(
                    c -> visibility.client(c.namespace()), new BufferedReader(new StringReader("")));
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));

            assertEquals(0, cli.execute("list", "--phase", "blocked"), err.toString());

            assertEquals(List.of("WorkflowType = 'Campaign' AND CampaignPhase = 'BLOCKED'"), visibility.queries);
            List<String> lines = out.toString().lines().toList();
            assertTrue(lines.get(1).matches("BLOCKED +billing +inst-2 +3 +RUNNING .*"), lines.get(1));
            assertTrue(lines.get(2).matches("CATCHING_UP +orders +inst-1 +12 +RUNNING .*"), lines.get(2));
            assertEquals("2 campaign(s)", lines.get(3));
        }
    }

    @Test
    void listOnTheJavaTestServerSaysWhyItCannot() {
        Result result = run("list");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("cannot list workflows: use a real server or the Temporal UI"), result.err());
    }

    @Test
    void connectionOptionsDefaultToTheWorkersEnvironmentVariables() {
        CommandLine commandLine =
                CutoverCli.commandLine(c -> env.getWorkflowClient(), new BufferedReader(new StringReader("")));
        Map<String, String> variables = Map.of(
                "--address", "${env:CUTOVER_TEMPORAL_ADDRESS:-127.0.0.1:7233}",
                "--namespace", "${env:CUTOVER_TEMPORAL_NAMESPACE:-default}",
                "--task-queue", "${env:CUTOVER_TEMPORAL_TASK_QUEUE:-cutover-campaigns}");
        commandLine.setInterpolateVariables(false);
        variables.forEach((option, expected) -> assertEquals(
                expected, commandLine.getCommandSpec().findOption(option).defaultValue(), option));
        commandLine.setInterpolateVariables(true);

        commandLine.parseArgs("--namespace", "prod", "status", ID);
        CutoverCli cli = commandLine.getCommand();
        assertEquals("prod", cli.connection.namespace());
    }

    // ---- encrypted campaigns ----

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void encryptedCampaignsWorkWithTheKeyRingAndSayWhatIsMissingWithout() {
        String ring = "k1:" + randomKey();
        // A worker whose client encrypts, as the worker does with codec.enabled. The CLI's clients
        // below are plain SDK clients; the Java test server was seen to stall their updates, so it
        // runs in real time here (nothing waits on a timer).
        TestWorkflowEnvironment encrypted = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(EncryptedDataConverter.create(
                                KeyRing.fromEnvironment(Map.of(KeyRing.KEYS_VARIABLE, ring))))
                        .build())
                .build());
        try (encrypted) {
            encrypted.newWorker("cutover-campaigns").registerWorkflowImplementationTypes(FakeCampaignWorkflow.class);
            encrypted.start();
            String namespace = encrypted.getNamespace();
            Function<Map<String, String>, Function<Connection, WorkflowClient>> cliWith =
                    environment -> connection -> WorkflowClient.newInstance(
                            encrypted.getWorkflowServiceStubs(), connection.clientOptions(environment));
            Function<Connection, WorkflowClient> withKeys = cliWith.apply(Map.of(KeyRing.KEYS_VARIABLE, ring));
            Function<Connection, WorkflowClient> withoutKeys = cliWith.apply(Map.of());
            Function<Connection, WorkflowClient> otherKeys =
                    cliWith.apply(Map.of(KeyRing.KEYS_VARIABLE, "k0:" + randomKey()));

            // Started through the test environment's own client: a campaign started by a plain client
            // stalls the test server's later updates (the cutover below).
            Result start = runWith(
                    connection -> encrypted.getWorkflowClient(),
                    "",
                    "--namespace",
                    namespace,
                    "start",
                    spec.toString());
            assertEquals(0, start.exitCode(), start.err());

            Result status = runWith(withKeys, "", "--namespace", namespace, "status", ID);
            assertEquals(0, status.exitCode(), status.err());
            assertTrue(status.out().contains("CATCHING_UP"), status.out());
            assertTrue(status.out().contains(FakeCampaignWorkflow.PENDING.get(0)), status.out());

            Result cutover = runWith(
                    withKeys, "", "--namespace", namespace, "cutover", ID, "--yes", "--final", "orders/LOG_0005.trn");
            assertEquals(0, cutover.exitCode(), cutover.err());
            assertTrue(cutover.out().contains("cutover accepted by campaign " + ID), cutover.out());
            // What the CLI sent is encrypted too: the cutover request is not in the history in clear.
            List<Payload> sent = encrypted.getWorkflowClient().fetchHistory(ID).getEvents().stream()
                    .filter(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
                    .flatMap(e -> e
                            .getWorkflowExecutionUpdateAcceptedEventAttributes()
                            .getAcceptedRequest()
                            .getInput()
                            .getArgs()
                            .getPayloadsList()
                            .stream())
                    .toList();
            assertEquals(1, sent.size());
            assertTrue(AesGcmPayloadCodec.isEncrypted(sent.get(0)));
            assertFalse(sent.get(0).toByteString().toStringUtf8().contains("LOG_0005"));

            Result noKey = runWith(withoutKeys, "", "--namespace", namespace, "status", ID);
            assertEquals(1, noKey.exitCode(), noKey.out());
            assertTrue(
                    noKey.err()
                            .contains(
                                    "the campaign's payloads are encrypted and no key is set: set CUTOVER_CODEC_KEYS"),
                    noKey.err());

            Result wrongKey = runWith(otherKeys, "", "--namespace", namespace, "status", ID);
            assertEquals(1, wrongKey.exitCode(), wrongKey.out());
            assertTrue(
                    wrongKey.err()
                            .contains("cannot decrypt the campaign's payloads: payload is encrypted with key id 'k1'"),
                    wrongKey.err());
        }
    }

    @Test
    void aMalformedKeyRingIsNamedBeforeAnythingIsSent() {
        Result result = runWith(
                connection -> WorkflowClient.newInstance(
                        env.getWorkflowServiceStubs(),
                        connection.clientOptions(Map.of(KeyRing.KEYS_VARIABLE, "k1:c2hvcnQ="))),
                "",
                "status",
                ID);

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("CUTOVER_CODEC_KEYS: key 'k1' is 5 bytes"), result.err());
    }
}
