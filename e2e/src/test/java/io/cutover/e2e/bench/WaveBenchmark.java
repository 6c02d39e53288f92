package io.cutover.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.e2e.BackupFeed;
import io.cutover.e2e.E2eEnvironment;
import io.cutover.e2e.Waits;
import io.cutover.e2e.WorkerProcess;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WaveCutoverRequest;
import io.cutover.wave.WavePriorities;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 14's figure: a wave's cutover request to the create of its last member's final, for waves
 * of 10 and 50 members whose finals are uploaded right after the request's answer (or {@code
 * bench.finalsAfterMillis} after it, as tail-log backups taken by hand would be), with the
 * product's default timing, on the real dev server with the worker jar and the simulator as their
 * own processes and the bucket on s3proxy. No limit of DRS jobs per target. It prints figures and
 * asserts none: {@code mvn -Pbench -pl e2e -am verify -DskipTests
 * -Dbench.main=io.cutover.e2e.bench.WaveBenchmark} ({@code -Dbench.waveSizes=10,50
 * -Dbench.waveRuns=3 -Dbench.finalsAfterMillis=0}).
 */
public final class WaveBenchmark {

    private static final DateTimeFormatter OLA =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final E2eEnvironment env;

    private WaveBenchmark(E2eEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        List<Integer> sizes = List.of(
                        System.getProperty("bench.waveSizes", "10,50").split(","))
                .stream()
                .map(Integer::parseInt)
                .toList();
        int runs = Integer.getInteger("bench.waveRuns", 3);
        int warmups = Integer.getInteger("bench.waveWarmups", 1);
        print("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, java "
                + System.getProperty("java.version") + "; product's default timing; DRS restoring each job in 0.3 s");
        int exit = 0;
        try (E2eEnvironment env = new E2eEnvironment("wave-bench", Duration.ofMillis(300))) {
            WaveBenchmark bench = new WaveBenchmark(env);
            for (int size : sizes) {
                List<Long> latencies = new ArrayList<>();
                List<Long> reactions = new ArrayList<>();
                // A worker on cutover night has run its campaigns for days: the first waves after
                // every process started (the JVMs' JIT, the server's caches) are printed, not counted.
                for (int warmup = 1; warmup <= warmups; warmup++) {
                    bench.requestToLastFinal("bench-wave-" + size + "-warmup-" + warmup, size);
                }
                for (int run = 1; run <= runs; run++) {
                    long[] measured = bench.requestToLastFinal("bench-wave-" + size + "-" + run, size);
                    latencies.add(measured[0]);
                    reactions.add(measured[1]);
                }
                print("wave of " + size + ": requestCutover -> last member's final create: " + Stats.of(latencies)
                        + "  (target p99 <= 2000 ms)");
                print("wave of " + size + ": every final in the bucket -> last member's final create: "
                        + Stats.of(reactions));
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** One wave: members caught up on a full and two logs; finals uploaded; the request; the wait. */
    private long[] requestToLastFinal(String waveId, int size) {
        String target = "e2e" + waveId.replace("-", "") + "in04";
        List<WaveMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String db = "Db" + i;
            for (int log = 0; log <= 2; log++) {
                put(waveId, db, log);
            }
            members.add(new WaveMember(db, prefix(waveId, db), key(waveId, db, 0)));
        }
        CampaignSpec defaults = CampaignSpecs.fullAndIncremental(
                waveId, target, BackupFeed.BUCKET, "unused/", "unused/x.bak", "unused", "staging/" + waveId + "/");
        WaveWorkflow wave = env.client.newWorkflowStub(
                WaveWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(waveId)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setPriority(WavePriorities.WAVE)
                        .build());
        WorkflowClient.start(wave::run, new WaveSpec(waveId, defaults, members), null);
        Waits.until(waveId + ": every member caught up", Duration.ofMinutes(10), Duration.ofSeconds(1), () -> {
            try {
                WaveStatus status = wave.status();
                return status.members().stream().allMatch(m -> m.phase() == Phase.CATCHING_UP)
                        && env.simulator.succeededJobs(target) >= 3L * size;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        // Caught up as each member itself knows it: its last job's success read, nothing in flight.
        // (The simulator's record says SUCCESS up to a poll interval before the member reads it; a
        // request made meanwhile waits for that job, which is not what this measures.)
        for (int i = 0; i < size; i++) {
            CampaignWorkflow member =
                    env.client.newWorkflowStub(CampaignWorkflow.class, WaveSpecs.campaignId(waveId, "Db" + i));
            Waits.until(waveId + ": Db" + i + " idle", Duration.ofMinutes(2), Duration.ofMillis(100), () -> {
                try {
                    return member.status().appliedCount() >= 2;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        }
        // The finals are named in the request and uploaded right after its answer: uploaded before
        // it, a member's bucket watch may take its final as an ordinary log (OBS lists only whole
        // objects, so nothing waits for them to settle) and the member then refuses the cutover, as
        // a run of this benchmark with the finals uploaded first did for 3 members of 10. The
        // second figure starts once every final is in the bucket, as the target reads.
        Map<String, String> finals = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            finals.put("Db" + i, name(key(waveId, "Db" + i, 3)));
        }
        Instant requested = Instant.now();
        wave.requestCutover(new WaveCutoverRequest(finals));
        Waits.pause(Duration.ofMillis(Long.getLong("bench.finalsAfterMillis", 0)));
        for (int i = 0; i < size; i++) {
            put(waveId, "Db" + i, 3);
        }
        Instant uploaded = Instant.now();
        // The figure is the simulator's record of each create, not when this loop sees it: it looks
        // twice a second, since each look (every job of the target, as JSON) takes CPU from the
        // two cores the worker, the server and the simulator share with it.
        Waits.until(
                waveId + ": every final",
                Duration.ofMinutes(5),
                Duration.ofMillis(500),
                () -> lastFinals(target) >= size);
        Instant lastFinal = Instant.EPOCH;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            if (job.path("is_last_backup").asBoolean()) {
                Instant created = Instant.parse(job.path("create_time").asText());
                lastFinal = created.isAfter(lastFinal) ? created : lastFinal;
            }
        }
        long millis = Duration.between(requested, lastFinal).toMillis();
        long reaction = Duration.between(uploaded, lastFinal).toMillis();
        print(waveId + ": " + size + " members, request -> last final create " + millis
                + " ms; every final in the bucket -> last final create " + reaction + " ms");
        timeline(waveId, requested, uploaded, target);
        membersTimeline(waveId, size, uploaded);
        return new long[] {millis, reaction};
    }

    /**
     * Where the time went, from the wave's history and the simulator's record: the update's answer,
     * the finals uploaded, the first and last member holding its final as the wave heard it (all at
     * once when it collected the reports), the commit's signals to the
     * members (recorded when the workflow task that decided the commit ends: since the wave creates
     * the finals itself, in that task, after its finals), the first final created, each in ms after
     * the request.
     */
    private void timeline(String waveId, Instant requested, Instant uploaded, String target) {
        long answered = -1;
        long firstHeld = -1;
        long lastHeld = -1;
        long commit = -1;
        for (HistoryEvent event : env.client.fetchHistory(waveId).getEvents()) {
            long at = Duration.between(
                            requested,
                            Instant.ofEpochSecond(
                                    event.getEventTime().getSeconds(),
                                    event.getEventTime().getNanos()))
                    .toMillis();
            if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED && answered < 0) {
                answered = at;
            }
            // A member's PREPARED report reaches the wave by signal, or in the collection's result.
            if ((event.hasWorkflowExecutionSignaledEventAttributes()
                            && event.getWorkflowExecutionSignaledEventAttributes()
                                    .getInput()
                                    .toString()
                                    .contains("PREPARED"))
                    || (event.hasActivityTaskCompletedEventAttributes()
                            && event.getActivityTaskCompletedEventAttributes()
                                    .getResult()
                                    .toString()
                                    .contains("PREPARED"))) {
                firstHeld = firstHeld < 0 ? at : firstHeld;
                lastHeld = at;
            }
            if (event.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()
                    && event.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                            .getSignalName()
                            .equals("commit")
                    && commit < 0) {
                commit = at;
            }
        }
        long firstFinal = Long.MAX_VALUE;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            if (job.path("is_last_backup").asBoolean()) {
                firstFinal = Math.min(
                        firstFinal,
                        Duration.between(
                                        requested,
                                        Instant.parse(job.path("create_time").asText()))
                                .toMillis());
            }
        }
        print(waveId + ": answered " + answered + " ms, finals uploaded "
                + Duration.between(requested, uploaded).toMillis()
                + " ms, first member holding its final " + firstHeld + " ms, last " + lastHeld
                + " ms, commit signals " + commit + " ms, first final created " + firstFinal + " ms");
    }

    /**
     * Where each member's part of the prepare went, from its own history. A member whose final watch
     * was an activity: from the finals' upload to its watch answering (the listing that saw its
     * final), from that answer to its workflow task starting (the wait for a worker), and from that
     * start to its PREPARED report leaving for the wave (staging the final, then the report). A
     * member that watched with a local activity, inside its open task: from the upload to that
     * report, all in that task.
     */
    private void membersTimeline(String waveId, int size, Instant uploaded) {
        List<Long> seen = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        List<Long> local = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Instant answered = null;
            Instant started = null;
            Instant report = null;
            // Only the final watch counts: a watch activity scheduled after the member took the
            // request (the catch-up watch it interrupted may still end after the upload).
            boolean requested = false;
            Set<Long> finalWatches = new HashSet<>();
            for (HistoryEvent event : env.client
                    .fetchHistory(WaveSpecs.campaignId(waveId, "Db" + i))
                    .getEvents()) {
                Instant at = Instant.ofEpochSecond(
                        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
                requested |= event.hasWorkflowExecutionSignaledEventAttributes()
                        && event.getWorkflowExecutionSignaledEventAttributes()
                                .getSignalName()
                                .equals("cutover");
                if (requested
                        && event.hasActivityTaskScheduledEventAttributes()
                        && event.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName()
                                .equals("AwaitNewBackups")) {
                    finalWatches.add(event.getEventId());
                }
                // Its PREPARED report leaving: signalled, or the answer to the wave's collection.
                if ((event.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                && event.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                        .getInput()
                                        .toString()
                                        .contains("PREPARED"))
                        || (event.hasWorkflowExecutionUpdateCompletedEventAttributes()
                                && event.getWorkflowExecutionUpdateCompletedEventAttributes()
                                        .getOutcome()
                                        .toString()
                                        .contains("PREPARED"))) {
                    report = at;
                    break;
                }
                if (answered == null
                        && event.hasActivityTaskCompletedEventAttributes()
                        && finalWatches.contains(
                                event.getActivityTaskCompletedEventAttributes().getScheduledEventId())
                        && at.isAfter(uploaded)) {
                    answered = at;
                }
                if (answered != null
                        && started == null
                        && event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
                    started = at;
                }
            }
            if (report != null && answered == null) {
                local.add(Duration.between(uploaded, report).toMillis());
            } else if (report != null && started != null) {
                seen.add(Duration.between(uploaded, answered).toMillis());
                queued.add(Duration.between(answered, started).toMillis());
                reported.add(Duration.between(started, report).toMillis());
            }
        }
        print(waveId + ": per member, watched by a local activity: finals uploaded -> its PREPARED report sent "
                + Stats.of(local));
        print(waveId + ": per member, watched by an activity: finals uploaded -> its final watch answering "
                + Stats.of(seen) + "; -> its workflow task started " + Stats.of(queued)
                + "; -> its PREPARED report sent " + Stats.of(reported));
    }

    private long lastFinals(String target) {
        long finals = 0;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            if (job.path("is_last_backup").asBoolean()) {
                finals++;
            }
        }
        return finals;
    }

    private String put(String waveId, String db, int log) {
        String key = key(waveId, db, log);
        BackupHeader header = log == 0
                ? new BackupHeader(db, BackupType.FULL, 1, 100)
                : new BackupHeader(db, BackupType.LOG, 100L * log, 100L * (log + 1));
        env.s3.put(BackupFeed.BUCKET, key, SimulatedBackupFile.toBytes(header, 512));
        return key;
    }

    private static String prefix(String waveId, String db) {
        return waveId + "/" + db.toLowerCase() + "/";
    }

    private static String key(String waveId, String db, int log) {
        return prefix(waveId, db) + "SQL01_" + db + "_" + (log == 0 ? "FULL" : "LOG") + "_"
                + OLA.format(T0.plusSeconds(60L * log)) + (log == 0 ? ".bak" : ".trn");
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static void print(String line) {
        System.out.println("[wave-bench] " + line);
        System.out.flush();
    }
}
