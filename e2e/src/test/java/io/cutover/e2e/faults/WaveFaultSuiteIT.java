package io.cutover.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.e2e.E2eEnvironment;
import io.cutover.e2e.WaveRun;
import io.cutover.e2e.WaveRun.Figures;
import io.cutover.wave.WavePhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14's fault rows: waves of three members on the real dev server, worker and simulator
 * processes, cut over through two worker kills (in prepare and in commit) and with one member
 * failing in prepare, repeated {@code -Dfaults.waves} times each. Figures from the simulator's
 * record, written into docs/RELIABILITY-waves.md even when a round fails, then asserted.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WaveFaultSuiteIT {

    static final String COMMAND =
            "mvn -B -ntp -pl e2e -am verify -Pfaults -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dit.test=WaveFaultSuiteIT -Dfailsafe.failIfNoSpecifiedTests=false";

    /** Rounds of each scenario. */
    private static final int WAVES = Integer.getInteger("faults.waves", 3);

    private static final List<String> MEMBERS = List.of("Orders", "Billing", "Stock");

    private final ReliabilityTable table = new ReliabilityTable();
    private final long startedAt = System.nanoTime();
    private E2eEnvironment env;

    @BeforeAll
    @Timeout(180)
    void startEnvironment() {
        env = new E2eEnvironment("wave-faults");
    }

    @AfterAll
    void writeTableAndStop() {
        try {
            System.out.println("\n=== Wave fault rows ===\n" + table.markdown());
            write(Path.of(System.getProperty("cutover.repo.root", "..")).resolve("docs/RELIABILITY-waves.md"));
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    /** Row 9: the worker SIGKILLed in prepare and again in commit, WAVES waves of three. */
    @Test
    @Order(1)
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
    void workerKilledInPrepareAndInCommit() {
        String scenario = "wave: worker SIGKILL in prepare and in commit";
        List<Figures> rounds = new ArrayList<>();
        try {
            for (int i = 0; i < WAVES; i++) {
                try (WaveRun wave =
                        WaveRun.startCaughtUp(env, "faults-wave-kill-" + i, "faultwavekill" + i + "in04", names(i))) {
                    rounds.add(wave.cutOverThroughTwoWorkerKills());
                }
            }
        } catch (Exception | AssertionError e) {
            table.addFailure("9", scenario, e);
            throw new AssertionError(e);
        }
        table.add("9", scenario, "waves completed", count(rounds, f -> f.phase() == WavePhase.COMPLETED), WAVES);
        table.addAtLeast(
                "9", scenario, "waves whose second kill came in commit", count(rounds, Figures::killedInCommit), 1);
        table.add("9", scenario, "members without exactly one final", membersWithoutOneFinal(rounds), 0);
        table.add(
                "9",
                scenario,
                "finals created before every member's final was in the bucket",
                rounds.stream().mapToLong(Figures::finalsBeforeAllHeld).sum(),
                0);
        table.add(
                "9",
                scenario,
                "jobs not SUCCESS",
                rounds.stream().mapToLong(Figures::failedJobs).sum(),
                0);
        assertTrue(table.figures().stream().allMatch(ReliabilityTable.Figure::met), table::markdown);
    }

    /** Row 10: one member's restore failing in prepare (a log lost before its final), WAVES waves. */
    @Test
    @Order(2)
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
    void oneMemberFailingInPrepare() {
        String scenario = "wave: a member failing in prepare";
        List<Figures> rounds = new ArrayList<>();
        try {
            for (int i = 0; i < WAVES; i++) {
                List<String> members = names(WAVES + i);
                try (WaveRun wave =
                        WaveRun.startCaughtUp(env, "faults-wave-fail-" + i, "faultwavefail" + i + "in04", members)) {
                    rounds.add(wave.oneMemberFailingInPrepare(members.get(i % members.size())));
                }
            }
        } catch (Exception | AssertionError e) {
            table.addFailure("10", scenario, e);
            throw new AssertionError(e);
        }
        table.add(
                "10",
                scenario,
                "finals sent anywhere while the member was blocked",
                rounds.stream().mapToLong(Figures::finalsWhileBlocked).sum(),
                0);
        table.add(
                "10",
                scenario,
                "waves completed once the member was fixed",
                count(rounds, f -> f.phase() == WavePhase.COMPLETED),
                WAVES);
        table.add("10", scenario, "members without exactly one final", membersWithoutOneFinal(rounds), 0);
        table.add(
                "10",
                scenario,
                "failed jobs besides the one across the lost log",
                rounds.stream().mapToLong(f -> f.failedJobs() - 1).sum(),
                0);
        assertTrue(table.figures().stream().allMatch(ReliabilityTable.Figure::met), table::markdown);
    }

    /** Each round's databases have names of their own, so that no feed's prefix is shared. */
    private static List<String> names(int round) {
        return MEMBERS.stream().map(db -> db + round).toList();
    }

    private static long count(List<Figures> rounds, java.util.function.Predicate<Figures> which) {
        return rounds.stream().filter(which).count();
    }

    private static long membersWithoutOneFinal(List<Figures> rounds) {
        return rounds.stream()
                .flatMap(f -> f.finalsPerMember().values().stream())
                .filter(finals -> finals != 1)
                .count();
    }

    private void write(Path file) {
        long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
        String failed = table.figures().stream()
                .filter(f -> !f.met())
                .map(f -> f.row() + " " + f.figure())
                .reduce((a, b) -> a + ", " + b)
                .orElse("none");
        String text = """
        # Reliability: the wave fault rows (issue 14)

        Written by `e2e/src/test/java/io/cutover/e2e/faults/WaveFaultSuiteIT.java` on every run; do
        not edit by hand. The rows go on from [RELIABILITY.md](RELIABILITY.md)'s; the same set-up:
        the Temporal CLI's dev server, the worker jar and the DRS simulator jar each in its own JVM,
        s3proxy in the test JVM, all on 127.0.0.1.

        Command (after `.ci/install-tools`):

        ```bash
        %s -Dfaults.waves=%d
        ```

        Scale of this run: %d waves of three members per row. Last run: %s, %d s. Figures missing
        their target: %s.

        %s
        ## What each row does

        9. **Worker SIGKILL in prepare and in commit**: a wave of three members on one target, each
           fed a log backup every 1.5 s, catches up; the operator's `requestCutover` ("the next log
           backup" for every member) goes through `temporal workflow update execute`; the worker is
           SIGKILLed right after the answer (prepare) and started 2 s later, then killed again the
           moment the wave shows COMMITTING (when the commit is not over by then). Figures from the
           simulator's record: is_last_backup jobs per member, finals created before the last
           member's final was uploaded, jobs not SUCCESS, and the wave's end.
        10. **A member failing in prepare**: the cutover names each member's final before it is
           taken; for one member (rotating) the log before its final is lost on its way to the
           bucket, so that member's restore fails on the LSN gap while the others stage and hold
           theirs. Measured once every other member holds its final: finals on the simulator's
           record. Then the lost log is uploaded and the member retried; the wave must complete
           with one final per member and no other failed job.
        """.formatted(
                        COMMAND,
                        WAVES,
                        WAVES,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        seconds,
                        failed,
                        table.markdown());
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
