package io.cutover.campaign;

import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveState;
import io.cutover.wave.WaveWorkflow;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wave tests' three databases: their backup chains, the wave spec, a wave caught up. */
final class WaveChains {

    static final Duration STEP = Duration.ofMinutes(1);
    static final List<String> DATABASES = List.of("Orders", "Billing", "Stock");
    static final DateTimeFormatter OLA =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    static String prefix(String database) {
        return "erp/" + database.toLowerCase() + "/";
    }

    /** Ola Hallengren's name for a backup of the database taken at minute {@code minute}. */
    static String key(String database, String type, int minute) {
        return prefix(database) + "SQL01_" + database + "_" + type + "_" + OLA.format(T0.plusSeconds(60L * minute))
                + (type.equals("LOG") ? ".trn" : ".bak");
    }

    static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Writes a backup of the chain: the full at minute 0 (LSNs 1 to 100), log n from 100n to 100(n+1). */
    static String write(IntegrationEnvironment it, String database, int log) {
        String key = log == 0 ? key(database, "FULL", 0) : key(database, "LOG", log);
        BackupHeader header = log == 0
                ? new BackupHeader(database, BackupType.FULL, 1, 100)
                : new BackupHeader(database, BackupType.LOG, 100L * log, 100L * (log + 1));
        it.store.put(IntegrationEnvironment.BUCKET, key, SimulatedBackupFile.toBytes(header, 512));
        return key;
    }

    static void put(IntegrationEnvironment it, String key, BackupHeader header) {
        it.store.put(IntegrationEnvironment.BUCKET, key, SimulatedBackupFile.toBytes(header, 512));
    }

    static WaveSpec wave(String waveId) {
        return wave(waveId, null);
    }

    /** The wave of the three databases on one target, running at most {@code maxRunningJobs} jobs (or no limit). */
    static WaveSpec wave(String waveId, Integer maxRunningJobs) {
        CampaignSpec shared = CampaignSpecs.fullAndIncremental(
                "defaults",
                IntegrationEnvironment.TARGET,
                IntegrationEnvironment.BUCKET,
                "unused/",
                "unused/x.bak",
                "unused",
                "staging/erp/");
        CampaignSpec defaults = shared.withTarget(new TargetSpec(IntegrationEnvironment.TARGET, null, maxRunningJobs));
        List<WaveMember> members = DATABASES.stream()
                .map(db -> new WaveMember(db, prefix(db), key(db, "FULL", 0)))
                .toList();
        return new WaveSpec(waveId, defaults, members);
    }

    /** Starts the wave on fulls and two logs each, and waits until every member applied both. */
    static WaveWorkflow startCaughtUp(IntegrationEnvironment it, String waveId) {
        return startCaughtUp(it, wave(waveId), null);
    }

    /** As {@link #startCaughtUp(IntegrationEnvironment, String)}, for a spec and a first state of its own. */
    static WaveWorkflow startCaughtUp(IntegrationEnvironment it, WaveSpec spec, WaveState first) {
        String waveId = spec.waveId();
        for (String db : DATABASES) {
            write(it, db, 0);
            write(it, db, 1);
            write(it, db, 2);
        }
        WaveWorkflow wave = it.startWave(spec, first);
        // Members report once they run: until then they are not there to ask.
        it.awaitWave(waveId, s -> s.members().stream().noneMatch(m -> m.phase() == Phase.VALIDATING), STEP, 30);
        for (String db : DATABASES) {
            it.awaitStatus(WaveSpecs.campaignId(waveId, db), s -> s.appliedCount() == 2, STEP, 60);
        }
        it.awaitWave(
                waveId,
                s -> s.phase() == WavePhase.CATCHING_UP
                        && s.members().stream().allMatch(m -> m.phase() == Phase.CATCHING_UP),
                STEP,
                10);
        // Workflow time is then only about the settle time (120 s) ahead of the files' wall-clock
        // times, less however long this machine took: a backup the test writes next would settle
        // a few seconds later, or, on a busy machine, well after a member's 10-second collection
        // has answered. Ahead by the settle time and more, every file written from here on is
        // taken at the member's next listing, as an uploaded OBS object is.
        it.env.sleep(Duration.ofSeconds(CampaignSpecs.DEFAULT_TIMING.settleSeconds() + 60));
        return wave;
    }

    static Map<String, String> finals(int log) {
        Map<String, String> finals = new LinkedHashMap<>();
        DATABASES.forEach(db -> finals.put(db, name(key(db, "LOG", log))));
        return finals;
    }

    static long lastJobs(IntegrationEnvironment it) {
        return it.simulator.jobs().stream().filter(SimulatedJob::lastBackup).count();
    }

    /**
     * Writes the histories the workflows module replays: every run of the wave ({@code
     * WAVEID-runN.json}) and its Orders member's ({@code WAVEID-member-orders-run1.json}).
     */
    static void saveHistories(IntegrationEnvironment it, String waveId) throws IOException {
        Path directory = Path.of("../workflows/src/test/resources/histories");
        List<WorkflowExecutionHistory> runs = CampaignHistories.of(it.client, waveId);
        for (int i = 0; i < runs.size(); i++) {
            Files.writeString(
                    directory.resolve(waveId + "-run" + (i + 1) + ".json"),
                    runs.get(i).toJson(true),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(
                directory.resolve(waveId + "-member-orders-run1.json"),
                it.client.fetchHistory(WaveSpecs.campaignId(waveId, "Orders")).toJson(true),
                StandardCharsets.UTF_8);
    }
}
