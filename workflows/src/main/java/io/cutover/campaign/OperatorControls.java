package io.cutover.campaign;

import io.cutover.naming.ObjectKeys;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The operator's hold on the campaign: submissions running or paused, the abort (final, with its
 * reason), and the decision on a blocked file (retry or skip). Handlers only set state here; the
 * runbook waits on it. Every action that must interrupt a wait in progress (the bucket watch, a
 * job's wait) moves the epoch. A pause stays set after an abort, as it always did: the phase the
 * campaign publishes in between depends on it, and recorded histories must replay unchanged.
 */
final class OperatorControls {

    /** Whether the operator lets the campaign submit jobs. */
    enum State {
        RUNNING,
        PAUSED
    }

    /** A file the campaign cannot pass until the operator decides. */
    record Blocked(String key, String fileName, String reason, boolean skippable) {}

    /** The operator's answer to a blocked file; the reason is a skip's. */
    record Decision(Kind kind, String reason) {
        enum Kind {
            RETRY,
            SKIP
        }
    }

    private static final Logger log = Workflow.getLogger(OperatorControls.class);

    private final CampaignNotes notes;
    private State state;
    private String abortReason;
    private Blocked blocked;
    private Decision decision;
    private int epoch;

    OperatorControls(CampaignState carried, CampaignNotes notes) {
        this.notes = notes;
        this.abortReason = carried.abortReason();
        this.state = carried.paused() ? State.PAUSED : State.RUNNING;
    }

    void pause() {
        state = State.PAUSED;
        epoch++;
    }

    void resume() {
        state = State.RUNNING;
        epoch++;
    }

    void abort(AbortRequest request) {
        if (abortReason == null) {
            abortReason = request == null || request.reason() == null ? "aborted by the operator" : request.reason();
            epoch++;
        }
    }

    /** Any other action that interrupts the waits (a cutover accepted). */
    void interruptWaits() {
        epoch++;
    }

    void retry() {
        if (blocked == null) {
            notes.report("retry ignored: nothing is blocked");
            return;
        }
        decision = new Decision(Decision.Kind.RETRY, null);
    }

    void skip(SkipRequest request) {
        if (blocked == null) {
            notes.report("skip ignored: nothing is blocked");
        } else if (!blocked.skippable()) {
            notes.report("skip refused: " + blocked.key()
                    + " cannot be left out (the full restore or the final backup); retry or abort");
        } else if (request == null
                || request.file() == null
                || !(request.file().equals(blocked.key())
                        || ObjectKeys.fileName(request.file()).equals(blocked.fileName()))) {
            notes.report("skip ignored: it names " + (request == null ? null : request.file())
                    + " but the blocked file is " + blocked.key());
        } else if (request.reason() == null || request.reason().isBlank()) {
            notes.report("skip refused: a reason is required, it goes into the report");
        } else {
            decision = new Decision(Decision.Kind.SKIP, request.reason());
        }
    }

    /**
     * While paused, waits, showing the pause on entering and leaving; false when the campaign was
     * aborted meanwhile.
     */
    boolean awaitRunning(Runnable show) {
        if (state == State.PAUSED && abortReason == null) {
            show.run();
            Workflow.await(() -> state != State.PAUSED || abortReason != null);
            show.run();
        }
        return abortReason == null;
    }

    /** BLOCKED on the file until the operator answers, shown meanwhile; null when the answer is abort. */
    Decision awaitDecision(String key, String reason, boolean skippable, Runnable show) {
        blocked = new Blocked(key, ObjectKeys.fileName(key), reason, skippable);
        log.warn("campaign blocked on {}: {}", key, reason);
        show.run();
        Workflow.await(() -> decision != null || abortReason != null);
        Decision answer = abortReason != null ? null : decision;
        blocked = null;
        decision = null;
        show.run();
        return answer;
    }

    boolean aborted() {
        return abortReason != null;
    }

    boolean paused() {
        return state == State.PAUSED;
    }

    /** Carries the pause and the abort across continue-as-new. */
    void carry(CampaignState.Builder next) {
        next.paused(paused()).abortReason(abortReason);
    }

    /** Why the operator aborted, or null. */
    String abortReason() {
        return abortReason;
    }

    /** The file the campaign is blocked on, or null. */
    Blocked blocked() {
        return blocked;
    }

    /** Moves on every action that must interrupt a wait in progress. */
    int epoch() {
        return epoch;
    }
}
