package io.cutover.wave;

import io.cutover.activity.MemberAnswer;
import io.cutover.campaign.CutoverRequest;
import io.temporal.workflow.Async;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The prepare phase's ask: every member asked to restore up to its final and hold it, and its
 * PREPARED report heard. By update, every member at once ({@link CutoverAsks}), the reports
 * collected by the same updates ({@link PreparedCollection}); a member not reached so, and every
 * member of a wave that began before, by signal, answering by signal.
 */
final class PrepareAsk {

    private final WaveMembers members;
    private final WaveCutover cutover;
    private final MemberSignals signals;
    private final Runnable publish;
    private final Consumer<String> gone;
    private final CutoverAsks asks = new CutoverAsks();
    private final PreparedCollection collection = new PreparedCollection();

    /**
     * @param publish shows the wave's state (its summary) after the members' answers
     * @param gone told the campaign id of a member the ask found gone
     */
    PrepareAsk(
            WaveMembers members, WaveCutover cutover, MemberSignals signals, Runnable publish, Consumer<String> gone) {
        this.members = members;
        this.cutover = cutover;
        this.signals = signals;
        this.publish = publish;
        this.gone = gone;
    }

    /** Asks every member its part of the wave's request (its final, or its next log backup). */
    void start(WaveCutoverRequest request) {
        cutover.request();
        Map<String, String> finals = members.finalsByCampaign(request);
        Map<String, CutoverRequest> requests = new LinkedHashMap<>();
        members.byCampaign().keySet().forEach(id -> requests.put(id, new CutoverRequest(finals.get(id), true)));
        List<String> bySignal = new ArrayList<>(requests.keySet());
        boolean collects = asks.byUpdate() && collection.adopted();
        if (collects && collection.inOneUpdate()) {
            CutoverAsks.Asked asked = asks.askToPrepare(requests);
            bySignal = members.heard(asked.answers(), gone);
            publish.run();
            if (cutover.preparing()) {
                collection.awaitPrepared(asked, this::collectedOrAskedAgain);
            }
        } else {
            Optional<List<MemberAnswer>> answers = asks.ask(requests, collects);
            if (answers.isPresent()) {
                bySignal = members.heard(answers.get(), gone);
                publish.run();
                if (collects && cutover.preparing()) {
                    collection.collect(answers.get(), this::collected);
                }
            }
        }
        if (!cutover.preparing()) {
            // Cancelled while the members were asked: those that took it were told to cancel.
            return;
        }
        for (String campaignId : bySignal) {
            CutoverRequest memberRequest = requests.get(campaignId);
            signals.send(campaignId, member -> Async.procedure(member::cutover, memberRequest));
        }
    }

    /** Whether this wave asks by update (its members' refusals are then heard in their answers). */
    boolean byUpdate() {
        return asks.byUpdate();
    }

    /** Whether no collection is under way (the wave may continue as new). */
    boolean idle() {
        return collection.idle();
    }

    /**
     * The reports of the updates that asked and collected at once; a member whose answer the
     * collection could not hear is asked to report by signal (it answered its update, so it holds
     * nothing back for it, and would otherwise say nothing more until the commit it waits for).
     */
    private void collectedOrAskedAgain(List<MemberAnswer> answers) {
        collected(answers);
        if (cutover.preparing()) {
            answers.stream()
                    .filter(answer -> answer.outcome() == MemberAnswer.Outcome.UNREACHED)
                    .forEach(answer ->
                            signals.send(answer.campaignId(), member -> Async.procedure(member::reportToWave)));
        }
    }

    /** The members' collected reports: a cutover cancelled meanwhile takes none. */
    private void collected(List<MemberAnswer> answers) {
        if (cutover.preparing()) {
            members.collected(answers);
            publish.run();
        }
    }
}
