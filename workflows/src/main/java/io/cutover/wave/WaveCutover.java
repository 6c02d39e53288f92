package io.cutover.wave;

import io.cutover.campaign.Phase;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wave's cutover in two phases, as a state machine: none; PREPARING (every member restores up
 * to its final and holds it staged); COMMITTING (all held theirs: the finals go out); or back to
 * none when the operator cancels before the commit. No final goes out before every member holds
 * its own: the commit is decided here, from the members' own reports, and only once.
 */
public final class WaveCutover {

    /** The cutover's state; public because it is carried in {@link WaveState}. */
    public enum State {
        NONE,
        PREPARING,
        COMMITTING
    }

    private State state;
    private long requestedAtMillis;

    WaveCutover(State state, long requestedAtMillis) {
        this.state = state;
        this.requestedAtMillis = requestedAtMillis;
    }

    State state() {
        return state;
    }

    long requestedAtMillis() {
        return requestedAtMillis;
    }

    /**
     * Why the wave cannot take a cutover now, member by member, or empty.
     *
     * @param members each member's last report, by campaign id
     * @param named the members the request names, by database, and the campaign id each maps to
     *     (null when no member has that database)
     */
    Optional<String> rejection(Map<String, MemberReport> members, Map<String, String> named) {
        if (state != State.NONE) {
            return Optional.of("a cutover of the wave was already requested");
        }
        List<String> reasons = new ArrayList<>();
        named.forEach((database, campaignId) -> {
            if (campaignId == null) {
                reasons.add(database + ": no member of the wave has this database");
            }
        });
        for (MemberReport member : members.values()) {
            String why = switch (member.phase()) {
                case CATCHING_UP -> null;
                case VALIDATING, FULL_RESTORE -> "premature: its full restore has not succeeded yet";
                case BLOCKED -> "blocked: " + member.blockedReason() + " (retry or skip it first)";
                case PAUSED -> "paused (resume it first)";
                case CUTOVER_REQUESTED, PREPARED, FINALIZING -> "a cutover of this member was already requested";
                case COMPLETED -> "already cut over";
                case ABORTED -> "aborted";
            };
            if (why != null) {
                reasons.add(member.campaignId() + ": " + why);
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    void request() {
        state = State.PREPARING;
        requestedAtMillis = Workflow.currentTimeMillis();
    }

    /** Whether the members are asked to prepare: requested, not committed nor cancelled. */
    boolean preparing() {
        return state == State.PREPARING;
    }

    /** Whether every member holds its final: the moment to commit, once. */
    boolean commitDue(Collection<MemberReport> members) {
        return state == State.PREPARING && members.stream().allMatch(m -> m.phase() == Phase.PREPARED);
    }

    void commit() {
        state = State.COMMITTING;
    }

    Optional<String> cancelRejection() {
        return switch (state) {
            case NONE -> Optional.of("no cutover of the wave was requested");
            case COMMITTING -> Optional.of("the finals have gone out: the cutover can no longer be cancelled");
            case PREPARING -> Optional.empty();
        };
    }

    void cancel() {
        state = State.NONE;
        requestedAtMillis = -1;
    }
}
