package io.cutover.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.HeaderFacts;
import io.cutover.backup.BackupDiscovery;
import io.cutover.backup.ChainDiscovery;
import io.cutover.backup.HeaderCache;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.S3TestServer;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderWriter;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * What planning the chain by headers costs the bucket, against planning it by names: list requests,
 * header reads (ranged GETs) and time per discovery poll, for a prefix of 100 to 5,000 log backups
 * older than the full (the weeks before the campaign), on a real S3-protocol server (s3proxy, in
 * memory, 127.0.0.1) through the OBS SDK. Every backup carries a real MTF header and an Ola
 * Hallengren name, so both ways read the same bucket. Columns: the first pass, a poll with nothing
 * new, a poll with one new log backup (handed on in both ways).
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl activities -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp activities/target/test-classes:activities/target/classes:$(cat activities/target/test-classpath.txt) \
 *     io.cutover.bench.ChainDiscoveryBenchmark [sizes, default 100,1000,5000]
 * </pre>
 */
public final class ChainDiscoveryBenchmark {

    private static final int POLLS = 5;
    private static final String PREFIX = "SQL1$PROD/Sales/";
    private static final DateTimeFormatter OLA = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final LocalDateTime FIRST = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final int BLOCKS = 100;

    private ChainDiscoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.WARN);
        List<Integer> sizes = args.length == 0
                ? List.of(100, 1_000, 5_000)
                : List.of(args[0].split(",")).stream().map(Integer::parseInt).toList();
        Clock later = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(1));
        System.out.printf(
                "%7s %-8s | %-26s | %-26s | %-26s%n",
                "objects", "by", "first pass", "poll, nothing new", "poll, one new");
        System.out.printf(
                "%7s %-8s | %-26s | %-26s | %-26s%n",
                "", "", "lists  GETs      ms", "lists  GETs      ms", "lists  GETs      ms");
        try (S3TestServer server = S3TestServer.start();
                ObsBackupStore store = new ObsBackupStore(
                        server.config().toBuilder().retries(0, 300_000).build())) {
            for (int size : sizes) {
                for (boolean byHeaders : new boolean[] {false, true}) {
                    String bucket = "bench-" + size + (byHeaders ? "-h" : "-n");
                    server.createBucket(bucket);
                    for (int i = 0; i < size; i++) {
                        server.seed(bucket, key("LOG", i), log(i, 0));
                    }
                    BackupHeader fullHeader = full(size);
                    String fullKey = key("FULL", size);
                    server.seed(bucket, fullKey, BackupHeaderWriter.write(fullHeader, 4096));
                    SourceSpec source = new SourceSpec(
                            bucket,
                            PREFIX,
                            fullKey,
                            new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                            "Sales",
                            "staging/",
                            null);
                    HeaderCache headers = new HeaderCache();
                    Poller poller = new Poller(
                            byHeaders ? new ChainDiscovery(store, headers, later) : null,
                            byHeaders ? null : new BackupDiscovery(store, later),
                            headers,
                            source,
                            HeaderFacts.of(fullHeader));
                    Figures first = poller.polls(1, 0, poll -> {});
                    Figures idle = poller.polls(POLLS, 0, poll -> {});
                    Figures oneNew = poller.polls(
                            POLLS,
                            1,
                            poll -> server.seed(bucket, key("LOG", size + 1 + poll), log(size + 1 + poll, 1)));
                    System.out.printf(
                            "%7d %-8s | %s | %s | %s%n", size, byHeaders ? "headers" : "names", first, idle, oneNew);
                }
            }
        }
    }

    /** The n-th backup's key, one a minute from FIRST. */
    private static String key(String type, int n) {
        return PREFIX + "SQL1$PROD_Sales_" + type + "_" + OLA.format(FIRST.plusMinutes(n))
                + (type.equals("FULL") ? ".bak" : ".trn");
    }

    private static BackupHeader full(int n) {
        return header(n, BackupType.FULL, new Lsn(40, (long) n * BLOCKS, 1), new Lsn(40, (long) n * BLOCKS + 50, 1));
    }

    /** The n-th log of the chain; after the full ({@code afterFull} = 1) the chain continues at its LastLSN. */
    private static byte[] log(int n, int afterFull) {
        long from = (long) n * BLOCKS + (afterFull == 1 ? 50 - BLOCKS : 0);
        BackupHeader header = header(n, BackupType.LOG, new Lsn(40, from, 1), new Lsn(40, from + BLOCKS, 1));
        return BackupHeaderWriter.write(header, 4096);
    }

    private static BackupHeader header(int n, BackupType type, Lsn first, Lsn last) {
        return BackupHeader.builder()
                .databaseName("Sales")
                .serverName("SQL1\\PROD")
                .type(type)
                .firstLsn(first)
                .lastLsn(last)
                .checkpointLsn(first)
                .databaseBackupLsn(new Lsn(1, 1, 1))
                .backupSetGuid(UUID.nameUUIDFromBytes((type + "-" + n).getBytes()))
                .backupStartDate(FIRST.plusMinutes(n))
                .timeZoneQuarterHours(0)
                .build();
    }

    /** Polls one source as the workflow does: the cursor, and by headers the chain's head, carried. */
    private static final class Poller {
        private final ChainDiscovery byHeaders;
        private final BackupDiscovery byNames;
        private final HeaderCache headers;
        private final SourceSpec source;
        private final HeaderFacts full;
        private DiscoveryCursor cursor = DiscoveryCursor.start();
        private String head;

        Poller(
                ChainDiscovery byHeaders,
                BackupDiscovery byNames,
                HeaderCache headers,
                SourceSpec source,
                HeaderFacts full) {
            this.byHeaders = byHeaders;
            this.byNames = byNames;
            this.headers = headers;
            this.source = source;
            this.full = full;
            this.head = full.orderKey();
        }

        Figures polls(int count, int ready, IntConsumer before) {
            Figures figures = new Figures(0, 0, 0, 0);
            for (int poll = 0; poll < count; poll++) {
                before.accept(poll);
                long reads = headers.reads();
                long start = System.nanoTime();
                DiscoveryResult result = byHeaders != null
                        ? byHeaders.discover(new DiscoveryRequest(
                                source, 0, cursor, 100, new ChainRequest(full, head, false, 0, null, -1)))
                        : byNames.discover(new DiscoveryRequest(source, 0, cursor, 100));
                figures = figures.plus(result.listRequests(), headers.reads() - reads, System.nanoTime() - start);
                if (result.ready().size() != ready || !result.reports().isEmpty()) {
                    throw new IllegalStateException(
                            "expected " + ready + " ready, got " + result.ready() + " and " + result.reports());
                }
                if (!result.ready().isEmpty()) {
                    head = result.ready().get(result.ready().size() - 1).orderKey();
                }
                cursor = result.next();
            }
            return figures;
        }
    }

    /** Requests, header reads and nanoseconds summed over some polls. */
    private record Figures(long lists, long gets, long nanos, int polls) {
        Figures plus(long moreLists, long moreGets, long moreNanos) {
            return new Figures(lists + moreLists, gets + moreGets, nanos + moreNanos, polls + 1);
        }

        @Override
        public String toString() {
            return String.format(
                    "%5.1f %5.1f %7.1f", (double) lists / polls, (double) gets / polls, nanos / 1e6 / polls);
        }
    }
}
