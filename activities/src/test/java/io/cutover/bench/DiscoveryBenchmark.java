package io.cutover.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.backup.BackupDiscovery;
import io.cutover.backup.BackupStore;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.S3TestServer;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * Prints list requests and time per discovery poll as a prefix grows from 100 to 100,000 backups,
 * with nothing new and with one new backup, against a real S3-protocol server (s3proxy, objects in
 * memory, on 127.0.0.1) through the OBS SDK. The prefix holds Ola Hallengren log backups of one
 * database; a first pass (which reads every page) is shown for comparison.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl activities -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx6g -cp activities/target/test-classes:activities/target/classes:$(cat activities/target/test-classpath.txt) \
 *     io.cutover.bench.DiscoveryBenchmark [sizes, default 100,1000,10000,100000]
 * </pre>
 */
public final class DiscoveryBenchmark {

    private static final int POLLS = 5;
    private static final String PREFIX = "SQL1$PROD/Sales/";

    private DiscoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        // One INFO line per pass would bury the table.
        ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.WARN);
        List<Integer> sizes = args.length == 0
                ? List.of(100, 1_000, 10_000, 100_000)
                : List.of(args[0].split(",")).stream().map(Integer::parseInt).toList();
        Clock later = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(1));
        System.out.printf(
                "%9s | %-20s | %-20s | %-20s | %s%n",
                "objects", "first pass", "poll, nothing new", "poll, one new", "one bare list request");
        System.out.printf(
                "%9s | %-20s | %-20s | %-20s | %s%n",
                "", "requests ms", "requests ms", "requests ms", "ms (server cost)");
        try (S3TestServer server = S3TestServer.start();
                // s3proxy reads its whole bucket for every listing: give a large bucket time to answer.
                ObsBackupStore store = new ObsBackupStore(
                        server.config().toBuilder().retries(0, 300_000).build())) {
            BackupDiscovery discovery = new BackupDiscovery(store, later);
            for (int size : sizes) {
                String bucket = "bench-" + size;
                server.createBucket(bucket);
                // Old logs fill the prefix; the full is newer than all of them.
                for (int i = 0; i < size; i++) {
                    server.seed(bucket, key("20240101", i), bytes("old log " + i));
                }
                String full = PREFIX + "SQL1$PROD_Sales_FULL_20240201_000000.bak";
                server.seed(bucket, full, bytes("full"));
                SourceSpec source = new SourceSpec(
                        bucket,
                        PREFIX,
                        full,
                        new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                        "Sales",
                        "staging/",
                        null);

                Poller poller = new Poller(discovery, source);
                Figures firstPass = poller.polls(1, 0, poll -> {});
                Figures idle = poller.polls(POLLS, 0, poll -> {});
                Figures oneNew = poller.polls(
                        POLLS, 1, poll -> server.seed(bucket, key("20240202", poll), bytes("new log " + poll)));
                // What the server itself takes to answer one listing after the last key.
                long start = System.nanoTime();
                for (int poll = 0; poll < POLLS; poll++) {
                    store.list(bucket, PREFIX, key("20240202", POLLS), BackupStore.MAX_PAGE);
                }
                double bareMillis = (System.nanoTime() - start) / 1e6 / POLLS;
                System.out.printf("%9d | %s | %s | %s | %8.1f%n", size, firstPass, idle, oneNew, bareMillis);
            }
        }
    }

    private static String key(String date, int n) {
        return String.format(
                "%sSQL1$PROD_Sales_LOG_%s_%02d%02d%02d_%d.trn",
                PREFIX, date, n / 3600 % 24, n / 60 % 60, n % 60, n / 86_400 + 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Polls one source, carrying the cursor from poll to poll as the workflow does. */
    private static final class Poller {
        private final BackupDiscovery discovery;
        private final SourceSpec source;
        private DiscoveryCursor cursor = DiscoveryCursor.start();

        Poller(BackupDiscovery discovery, SourceSpec source) {
            this.discovery = discovery;
            this.source = source;
        }

        /** Runs {@code count} polls, each after {@code before}, each expected to find {@code ready}. */
        Figures polls(int count, int ready, IntConsumer before) {
            Figures figures = new Figures(0, 0, 0);
            for (int poll = 0; poll < count; poll++) {
                before.accept(poll);
                long start = System.nanoTime();
                DiscoveryResult result = discovery.discover(new DiscoveryRequest(source, 30, cursor, 100));
                figures = figures.plus(result.listRequests(), System.nanoTime() - start);
                if (result.ready().size() != ready || !result.reports().isEmpty()) {
                    throw new IllegalStateException(
                            "expected " + ready + " ready, got " + result.ready() + " and " + result.reports());
                }
                cursor = result.next();
            }
            return figures;
        }
    }

    /** Requests and nanoseconds summed over some polls. */
    private record Figures(long requests, long nanos, int polls) {
        Figures plus(long moreRequests, long moreNanos) {
            return new Figures(requests + moreRequests, nanos + moreNanos, polls + 1);
        }

        @Override
        public String toString() {
            return String.format("%8.1f %11.1f", (double) requests / polls, nanos / 1e6 / polls);
        }
    }
}
