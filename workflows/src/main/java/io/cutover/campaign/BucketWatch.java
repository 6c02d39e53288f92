package io.cutover.campaign;

import io.cutover.activity.BackupActivities;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.campaign.CampaignNotes.Alarm;
import io.cutover.spec.CampaignSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;

/**
 * The campaign's watch on its bucket: one look for new backups (or, once a cutover waits for its
 * final, for the final every finalWatchSeconds), cut short by any operator action; what it finds
 * joins the chain, what it refuses goes to the ledger, and the gap it names is shown.
 */
final class BucketWatch {

    private final CampaignSpec spec;
    private final CampaignActivities activities;
    private final LogChain chain;
    private final ChainPlanning planning;
    private final Cutover cutover;
    private final OperatorControls controls;
    private final LedgerBacklog ledger;
    private final CampaignNotes notes;
    private final CampaignDisplay display;
    private final InterruptibleWait waits;
    private final WaveReports wave;
    /**
     * How long one attempt of the final watch goes on listing: an operator's action cancels it at
     * once for the workflow, but the worker learns it only at its next heartbeat, so not minutes.
     */
    static final Duration FINAL_WATCH_ATTEMPT = Duration.ofSeconds(10);

    /** The history length of the task that last cancelled a watch that was an activity, or -1. */
    private long cancelledInTask = -1;

    /** When this run began to watch for the cutover's final backup, or -1. */
    private long finalWatchSince = -1;

    BucketWatch(
            CampaignSpec spec,
            CampaignActivities activities,
            LogChain chain,
            ChainPlanning planning,
            Cutover cutover,
            OperatorControls controls,
            LedgerBacklog ledger,
            CampaignNotes notes,
            CampaignDisplay display,
            InterruptibleWait waits,
            WaveReports wave) {
        this.spec = spec;
        this.activities = activities;
        this.chain = chain;
        this.planning = planning;
        this.cutover = cutover;
        this.controls = controls;
        this.ledger = ledger;
        this.notes = notes;
        this.display = display;
        this.waits = waits;
        this.wave = wave;
    }

    /**
     * Below this, what is left of the local watch's window is not worth the task it takes to send
     * the member's commands first.
     */
    static final Duration LEAST_LOCAL_WATCH = Duration.ofSeconds(1);

    /**
     * The timer that brings a next task when nothing else does, after a task that carries an
     * update's answer: a local watch may hold only the next.
     */
    static final Duration ANSWER_LEAVES = Duration.ofMillis(1);

    /** As {@link #ANSWER_LEAVES}, once the task cancelled an activity, whose end brings a task first. */
    static final Duration ANSWER_LEAVES_AFTER_CANCEL = Duration.ofSeconds(2);

    /**
     * Waits for new log backups, or for the operator. The discovery activity fails while nothing
     * is new and its retry policy waits a poll interval between listings, which costs no history;
     * an operator's action cancels it at once.
     */
    void look() {
        int epoch = controls.epoch();
        String where = spec.source().bucket() + "/"
                + (spec.source().prefix() == null ? "" : spec.source().prefix());
        Duration local = cutover.waitingForFinal() ? localWatchLeft() : Duration.ZERO;
        BackupActivities watcher = cutover.waitingForFinal()
                ? watchForTheFinal(where, local)
                : activities.bucketWatch("watch " + where + " for log backups after "
                        + (chain.headOrderKey() == null ? "the full backup" : chain.headOrderKey()));
        var request = cutover.waitingForFinal() ? finalWatchRequest(local.isZero()) : chain.nextDiscovery();
        boolean answerOwed = wave.takeAnswerOwed();
        if (!local.isZero()) {
            // The local watch holds this task open until the final is found, and what the task
            // decided leaves only with it. First the member's word that it took the request goes
            // (the wave's answer waits for it): the answer of the wave's update, when it was made in
            // this very task, leaves as the task ends, and the watch starts in the next task, which
            // the end of the bucket watch the request interrupted brings (its cancellation, a tenth
            // of a second later), or else a timer (which the server fires within a second or so).
            // The report signal (from waves that signal) is awaited until delivered. A member whose
            // wave collects its report waits for the collecting update instead, which the wave sends
            // only once this member's answer has reached it, so in a later task (no timer then, that
            // would fire into a task of its own a second later).
            if (wave.awaitsCollector()) {
                wave.awaitCollector(() -> controls.epoch() != epoch);
            } else if (answerOwed) {
                long task = Workflow.getInfo().getHistoryLength();
                // After the cancel of the watch the request interrupted (an activity), its end is an
                // event that brings the next task at once; the timer covers the case where none comes
                // (the test server drops the cancel of an activity waiting to retry). A member asked
                // in one update waits longer for it, so that the timer fires once its final is found,
                // not into a task of its own just when the wave commits, for every member.
                Duration leaves = wave.preparesInOneUpdate() && cancelledInTask == task
                        ? ANSWER_LEAVES_AFTER_CANCEL
                        : ANSWER_LEAVES;
                Workflow.await(
                        leaves, () -> Workflow.getInfo().getHistoryLength() != task || controls.epoch() != epoch);
            } else {
                Workflow.await(() -> wave.delivered() || controls.epoch() != epoch);
            }
            if (controls.epoch() != epoch) {
                return;
            }
        }
        try {
            Optional<DiscoveryResult> result = waits.until(
                    () -> Async.function(watcher::awaitNewBackups, request), () -> controls.epoch() != epoch);
            if (result.isEmpty() && local.isZero()) {
                cancelledInTask = Workflow.getInfo().getHistoryLength();
            }
            result.ifPresent(found -> {
                display.finalWatch(null);
                chain.admit(found, ledger::appliedRecently).forEach(refusal -> {
                    ledger.refuse(refusal.key(), refusal.problem(), refusal.reason());
                    cutover.refused(refusal.key(), refusal.reason());
                });
                if (planning.byHeaders()) {
                    planning.observe(found);
                }
                display.publish();
            });
            notes.clear(Alarm.DISCOVERY);
        } catch (ActivityFailure e) {
            if (ActivityFailures.windowEnded(e)) {
                return;
            }
            // A failure that retrying did not cure (access denied, a missing bucket): tell the
            // operator and look again after a poll interval rather than spinning.
            notes.raise(Alarm.DISCOVERY, "discovery is failing: " + ActivityFailures.rootMessage(e));
            display.publish();
            Workflow.await(Duration.ofSeconds(spec.timing().pollIntervalSeconds()), () -> controls.epoch() != epoch);
        }
    }

    /**
     * The pass that looks for the final: one attempt lists again every finalWatch for up to {@link
     * #FINAL_WATCH_ATTEMPT}, so that the final is seen within that of its upload, and the Temporal
     * server is asked for an attempt every ten seconds instead of four a second. (A watch slower than
     * the attempt lists once an attempt, as before.)
     */
    private DiscoveryRequest finalWatchRequest(boolean activity) {
        DiscoveryRequest request = chain.nextDiscovery();
        Duration every = spec.timing().finalWatchEvery();
        // A local call's listing ends one interval before the call does, so that its retry would
        // fall after the call's deadline: no attempt is left listing past it (the SDK cannot stop one).
        Duration attempt = activity ? FINAL_WATCH_ATTEMPT : CampaignActivities.LOCAL_FINAL_WATCH_CALL.minus(every);
        if (!CampaignVersions.adopted(CampaignVersions.QUICK_WAITS) || every.compareTo(attempt) >= 0) {
            return request;
        }
        return request.watching(new DiscoveryRequest.Watch(every.toMillis(), attempt.toMillis()));
    }

    /**
     * How much of the local final watch's window is left: a wave's member preparing its final (a
     * cutover in two phases, where every member waits for the slowest) watches inside its workflow
     * task for the first {@link CampaignActivities#LOCAL_FINAL_WATCH_WINDOW} after the request.
     * Zero for every other watch, for campaigns recorded before, for a watch set to list less often
     * than once a call, and once the window is over.
     */
    private Duration localWatchLeft() {
        if (!wave.reportsToWave()
                || !cutover.state().hold()
                || !CampaignVersions.localFinalWatch()
                || spec.timing().finalWatchEvery().compareTo(CampaignActivities.LOCAL_FINAL_WATCH_CALL) >= 0) {
            return Duration.ZERO;
        }
        Duration left = CampaignActivities.LOCAL_FINAL_WATCH_WINDOW.minusMillis(
                Workflow.currentTimeMillis() - cutover.state().requestedAtMillis());
        return left.compareTo(LEAST_LOCAL_WATCH) >= 0 ? left : Duration.ZERO;
    }

    /**
     * The watch once a cutover waits for its final backup: every finalWatchSeconds, and shown as
     * such (campaigns recorded before watch at the poll interval and show nothing more); a local
     * activity while {@code local} is left of its window.
     */
    private BackupActivities watchForTheFinal(String where, Duration local) {
        String finalBackup = cutover.state().finalBackup();
        String summary = "watch " + where + " for the final backup "
                + (finalBackup == null ? "(the next log backup)" : finalBackup);
        BackupActivities watcher =
                local.isZero() ? activities.finalBackupWatch(summary) : activities.localFinalBackupWatch(summary);
        if (CampaignVersions.adopted(CampaignVersions.QUICK_WAITS)) {
            if (finalWatchSince < 0) {
                finalWatchSince = Workflow.currentTimeMillis();
            }
            display.finalWatch(new CampaignStatus.FinalWatch(
                    finalBackup,
                    finalWatchSince,
                    spec.timing().finalWatchEvery().toMillis()));
            display.publish();
        }
        return watcher;
    }
}
