package io.cutover.campaign;

import io.cutover.wave.MemberReport;
import io.cutover.wave.PreparedCollection;
import io.cutover.wave.WaveWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A member campaign's reports to its wave: whenever what the wave decides from changes (phase,
 * blocked, the final held, a refused cutover, its end), one signal to the parent, not awaited. A
 * campaign without a parent sends nothing. The state sent last is kept per run only: the first
 * publish of a new run sends it again, which the wave takes as it takes any report.
 */
final class WaveReports {

    private final String waveId;
    private boolean adopted;
    private boolean endsReported;
    private boolean sendsFinalJob;
    /** The last report made, as made (to tell a change), and as sent or answered, in order. */
    private MemberReport last;

    private MemberReport lastSent;
    /** While the wave's cutover update is being taken: its report is the update's answer. */
    private boolean answering;
    /**
     * Whether the wave collects this member's PREPARED report by update ({@link
     * PreparedCollection}): it is then held for that answer rather than signalled.
     */
    private boolean awaitsCollection;
    /** A PREPARED report held for the wave's collection, or null. */
    private MemberReport held;
    /** Whether the wave's cutover came with the collection of its report, in one update. */
    private boolean inOneUpdate;
    /** The wave's collecting updates waiting in this member now. */
    private int collectors;
    /** The workflow time of the last report placed in order, and how many were placed at that time. */
    private long orderedAtMillis;

    private int orderedAtThatTime;
    /**
     * The history length of the workflow task whose end carries an update's answer, or -1: no watch
     * may hold that task open first.
     */
    private long answerOwedInTask = -1;

    private final SignalOutbox sent = new SignalOutbox();

    /**
     * How long a member asked to hold its report for a collection waits for the collecting update
     * (which comes within a second) before it watches for its final without it, its reports going by
     * signal again. Long enough that the timer, left to fire, falls after a wave's commit.
     */
    static final Duration COLLECTOR_WAIT = Duration.ofSeconds(5);

    WaveReports() {
        this.waveId = Workflow.getInfo().getParentWorkflowId().orElse(null);
    }

    /** Asked at the start of a run, before anything is published: only members report. */
    void decide() {
        adopted = waveId != null && CampaignVersions.adopted(CampaignVersions.WAVE_REPORTS);
        if (adopted && !waveId.equals(Workflow.getTypedSearchAttributes().get(CampaignSearchAttributes.WAVE_ID))) {
            Workflow.upsertTypedSearchAttributes(CampaignSearchAttributes.WAVE_ID.valueSet(waveId));
        }
        endsReported = adopted && CampaignVersions.adopted(CampaignVersions.WAVE_ENDS);
        sendsFinalJob = adopted && CampaignVersions.adopted(CampaignVersions.PREPARED_FINAL_JOB);
    }

    void report(Supplier<MemberReport> report) {
        if (!adopted && !answering) {
            return;
        }
        MemberReport now = report.get();
        if (!sendsFinalJob && now.finalJob() != null) {
            // Members that began before the wave created the finals keep their reports as they were.
            now = now.withoutFinalJob();
        }
        if (answering) {
            // The wave hears it in the update's answer, in order with this member's later reports.
            last = now;
            lastSent = ordered(now);
            return;
        }
        if (awaitsCollection && now.phase() == Phase.PREPARED && !now.equals(last)) {
            // The wave's collecting update answers with it (see collect): no signal.
            last = now;
            held = ordered(now);
            lastSent = held;
            return;
        }
        // Campaigns that began before their end was reported send it only as their result.
        boolean ending = now.phase() == Phase.COMPLETED || now.phase() == Phase.ABORTED;
        if ((endsReported || !ending) && !now.equals(last)) {
            last = now;
            signal(ordered(now));
        }
    }

    private void signal(MemberReport report) {
        lastSent = report;
        // A report sent again (after a failure) is the newest one then: the wave keeps the last.
        sent.send(
                waveId,
                () -> Async.procedure(
                        Workflow.newExternalWorkflowStub(WaveWorkflow.class, waveId)::memberChanged, report),
                () -> {});
    }

    /**
     * The report placed in this member's order: the workflow time of its task, then its rank among
     * the reports of that time. Deterministic, and greater in a later task and in a later run.
     */
    private MemberReport ordered(MemberReport report) {
        long now = Workflow.currentTimeMillis();
        orderedAtThatTime = now == orderedAtMillis ? orderedAtThatTime + 1 : 0;
        orderedAtMillis = now;
        return report.withSequence(now * 1000 + Math.min(orderedAtThatTime, 999));
    }

    /**
     * The wave's collecting update: waits (at most {@code within}) until this member holds its
     * final or {@code settled}, and answers with its report then, a held PREPARED one included, which
     * is then never signalled. Once answered, or once the time is up, the member's reports go by
     * signal again.
     */
    MemberReport collect(Duration within, BooleanSupplier settled) {
        collectors++;
        try {
            awaitAtMost(within, () -> held != null || settled.getAsBoolean());
        } finally {
            collectors--;
        }
        awaitsCollection = false;
        held = null;
        return lastSent;
    }

    /**
     * The wave's cutover request with the collection of the report that follows ({@code
     * wavePrepare}): takes the request ({@code take}), then answers as {@link #collect} does.
     */
    MemberReport prepare(Runnable take, Duration within, BooleanSupplier settled) {
        inOneUpdate = true;
        answer(take, true);
        return collect(within, settled);
    }

    /**
     * The wave did not hear this member's answer to its collection (its wait for the update's end
     * was lost): the member signals its last report now, and every report after it, a PREPARED one
     * included, which it no longer holds for the collection.
     */
    void reportAgain() {
        awaitsCollection = false;
        held = null;
        if (adopted && lastSent != null) {
            signal(lastSent);
        }
    }

    /**
     * Before a member that holds its report for a collection watches for its final inside its
     * workflow task: waits (at most {@link #COLLECTOR_WAIT}, or until {@code interrupted}) for the
     * collecting update, so that it waits in this member while the watch holds the task, and the
     * PREPARED report leaves with the task that found the final rather than with a later one.
     */
    void awaitCollector(BooleanSupplier interrupted) {
        awaitAtMost(COLLECTOR_WAIT, () -> !awaitsCollector() || interrupted.getAsBoolean());
        if (awaitsCollector() && !interrupted.getAsBoolean()) {
            // Not come in time: it likely never will (the wave could not reach this member).
            awaitsCollection = false;
        }
    }

    /** Whether this member holds its report for a collection whose update has not come yet. */
    boolean awaitsCollector() {
        return awaitsCollection && collectors == 0;
    }

    /**
     * Waits until {@code condition} holds or {@code limit} has passed, whichever comes first; no
     * timer is started when the condition holds already. (A timer started is left to fire: the test
     * server cannot take the cancel of a timer that fired while the task ran.) Whether it held.
     */
    private static boolean awaitAtMost(Duration limit, BooleanSupplier condition) {
        return condition.getAsBoolean() || Workflow.await(limit, condition::getAsBoolean);
    }

    /**
     * Once the member holds its final: a PREPARED report held for a collection that has not come
     * within {@link PreparedCollection#WITHIN} (the wave could not ask, or began before it
     * collected) is signalled after all. A collection waiting now takes it in this very task.
     */
    void releaseUncollected(BooleanSupplier over) {
        if (held == null || collectors > 0) {
            return;
        }
        awaitAtMost(PreparedCollection.WITHIN, () -> held == null || over.getAsBoolean());
        if (held != null) {
            MemberReport report = held;
            held = null;
            awaitsCollection = false;
            signal(report);
        }
    }

    /**
     * Takes the wave's cutover request that came by update ({@code take}): the report taking it
     * makes (taking it publishes) is the update's answer rather than a signal.
     */
    MemberReport answer(Runnable take, boolean collecting) {
        answering = true;
        try {
            take.run();
        } finally {
            answering = false;
        }
        awaitsCollection = collecting && reportsToWave();
        answerOwedInTask = Workflow.getInfo().getHistoryLength();
        return lastSent;
    }

    /**
     * Whether an update's answer was made in this very workflow task and leaves only with it; asking
     * clears it. A watch that would hold the task lets it end first.
     */
    boolean takeAnswerOwed() {
        boolean owed = answerOwedInTask == Workflow.getInfo().getHistoryLength();
        answerOwedInTask = -1;
        return owed;
    }

    /**
     * Whether the wave asked this member's cutover and its PREPARED report in one update ({@code
     * wavePrepare}); members of waves that began before never were.
     */
    boolean preparesInOneUpdate() {
        return inOneUpdate;
    }

    /** Whether this run reports to a wave (decided at its start). */
    boolean reportsToWave() {
        return adopted;
    }

    /** Whether every report sent has reached the wave (or could not, the wave being gone). */
    boolean delivered() {
        return sent.delivered();
    }

    /**
     * Before the campaign's end: waits until its last report has reached the wave (or could not, the
     * wave being gone), so that no report is still on its way when the member's run closes.
     */
    void awaitDelivered() {
        if (endsReported) {
            Workflow.await(this::delivered);
        }
    }
}
