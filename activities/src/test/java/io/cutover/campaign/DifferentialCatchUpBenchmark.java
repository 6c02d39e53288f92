package io.cutover.campaign;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderWriter;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.ChainSpec;
import io.cutover.spec.SourceSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * Catch-up with and without differentials: a full, then 200 log backups already in the bucket and a
 * differential on the full taken after log 190, applied by the campaign (product default timing)
 * with the real activities on an S3 server (s3proxy) and the DRS simulator taking
 * {@code restoreSeconds} per job, in wall-clock time. On an S3 store the simulator does not read
 * the files: it knows each job's database by the file's name, hence names that begin with it. Prints the wall time from the campaign's
 * start to the last file applied, and the jobs made.
 *
 * <p>Run from the repository root after {@code mvn -pl activities -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}:
 *
 * <pre>
 * java -cp activities/target/test-classes:activities/target/classes:$(cat activities/target/test-classpath.txt) \
 *     io.cutover.campaign.DifferentialCatchUpBenchmark [logs, default 200] [restoreSeconds, default 1] [off,on]
 * </pre>
 */
public final class DifferentialCatchUpBenchmark {

    private static final LocalDateTime FIRST = LocalDateTime.of(2026, 12, 1, 0, 0);
    private static final long BLOCKS = 100;

    private DifferentialCatchUpBenchmark() {}

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.ERROR);
        int logs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration restore = Duration.ofMillis((long) (1000 * (args.length > 1 ? Double.parseDouble(args[1]) : 1)));
        System.out.printf(
                "%d log backups, a differential after log %d, DRS %d ms per job%n",
                logs, logs - 10, restore.toMillis());
        System.out.printf("%-14s | %6s | %10s | %s%n", "differentials", "jobs", "wall s", "wall / (jobs x restore)");
        List<Boolean> modes = args.length > 2
                ? List.of(args[2].split(",")).stream().map("on"::equals).toList()
                : List.of(false, true);
        for (boolean differentials : modes) {
            try (IntegrationEnvironment it = IntegrationEnvironment.wallClockOnS3(restore)) {
                BackupHeader full = header(0, BackupType.FULL, 0, 50);
                put(it, "Sales_FULL.bak", full);
                for (int n = 1; n <= logs; n++) {
                    put(
                            it,
                            "Sales_LOG_" + n + ".trn",
                            header(n, BackupType.LOG, (n - 1) * BLOCKS + 50, n * BLOCKS + 50));
                }
                put(
                        it,
                        "Sales_DIFF.bak",
                        full.toBuilder()
                                .type(BackupType.DIFF)
                                .firstLsn(new Lsn(40, (logs - 10) * BLOCKS, 1))
                                .lastLsn(new Lsn(40, (logs - 10) * BLOCKS + 50, 1))
                                .checkpointLsn(new Lsn(40, (logs - 10) * BLOCKS, 1))
                                .databaseBackupLsn(full.checkpointLsn())
                                .differentialBaseLsn(full.checkpointLsn())
                                .differentialBaseGuid(full.backupSetGuid())
                                .backupSetGuid(UUID.nameUUIDFromBytes("diff".getBytes()))
                                .backupStartDate(FIRST.plusMinutes(logs - 10))
                                .build());
                String id = "catch-up-" + differentials;
                long start = System.nanoTime();
                it.start(spec(id, differentials));
                int expectedJobs = differentials ? 1 + 1 + 10 : 1 + logs;
                while (it.simulator.jobs().stream()
                                .filter(job -> job.status().equals("SUCCESS"))
                                .count()
                        < expectedJobs) {
                    Thread.sleep(50);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                int jobs = it.simulator.jobs().size();
                System.out.printf(
                        "%-14s | %6d | %10.1f | %.2f%n",
                        differentials ? "on" : "off", jobs, wall, wall / (jobs * restore.toMillis() / 1000.0));
                it.campaign(id).abort(new AbortRequest("benchmark over"));
            }
        }
    }

    private static void put(IntegrationEnvironment it, String name, BackupHeader header) {
        it.store.put(
                IntegrationEnvironment.BUCKET,
                IntegrationEnvironment.PREFIX + name,
                BackupHeaderWriter.write(header, 4096));
    }

    private static BackupHeader header(int n, BackupType type, long fromBlock, long toBlock) {
        return BackupHeader.builder()
                .databaseName(IntegrationEnvironment.DATABASE)
                .serverName("SQL01")
                .type(type)
                .firstLsn(new Lsn(40, fromBlock, 1))
                .lastLsn(new Lsn(40, toBlock, 1))
                .checkpointLsn(new Lsn(40, fromBlock, 1))
                .databaseBackupLsn(new Lsn(40, 0, 1))
                .backupSetGuid(UUID.nameUUIDFromBytes((type + "-" + n).getBytes()))
                .backupStartDate(FIRST.plusMinutes(n))
                .timeZoneQuarterHours(0)
                .build();
    }

    /** The product's defaults, without a naming convention, differentials on or off. */
    private static CampaignSpec spec(String id, boolean differentials) {
        CampaignSpec base = CampaignSpecs.fullAndIncremental(
                id,
                IntegrationEnvironment.TARGET,
                IntegrationEnvironment.BUCKET,
                IntegrationEnvironment.PREFIX,
                IntegrationEnvironment.PREFIX + "Sales_FULL.bak",
                IntegrationEnvironment.DATABASE,
                IntegrationEnvironment.STAGING);
        SourceSpec source = base.source();
        return new CampaignSpec(
                id,
                base.mode(),
                base.target(),
                new SourceSpec(
                        source.bucket(),
                        source.prefix(),
                        source.fullBackup(),
                        null,
                        source.database(),
                        source.stagingPrefix(),
                        null),
                base.restore(),
                base.jobNamePrefix(),
                base.enterpriseProjectId(),
                base.tags(),
                base.description(),
                base.timing(),
                new ChainSpec(differentials, 0, 0));
    }
}
