package io.cutover.wave;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wave's count of DRS jobs running at once per target instance, for targets that bound them
 * ({@code target.maxRunningJobs}): a member asks for a turn before each create and gives it back
 * when the job has ended; turns are given in the order asked. A member runs one job at a time, so a
 * member asking again holds one turn, for its newest job.
 */
public final class TargetTurns {

    /**
     * The turns carried across continue-as-new.
     *
     * @param running per target, the turns given and not yet given back
     * @param waiting per target, the turns asked for, in the order asked
     */
    public record Carried(Map<String, List<JobTurn>> running, Map<String, List<JobTurn>> waiting) {

        static Carried none() {
            return new Carried(Map.of(), Map.of());
        }
    }

    /** Each member's target instance, by campaign id. */
    private final Map<String, String> targets;
    /** The limit of each bounded target instance. */
    private final Map<String, Integer> limits;

    private final Map<String, List<JobTurn>> running = new LinkedHashMap<>();
    private final Map<String, List<JobTurn>> waiting = new LinkedHashMap<>();

    TargetTurns(Map<String, String> targets, Map<String, Integer> limits, Carried carried) {
        this.targets = targets;
        this.limits = limits;
        Carried from = carried == null ? Carried.none() : carried;
        from.running().forEach((target, turns) -> running.put(target, new ArrayList<>(turns)));
        from.waiting().forEach((target, turns) -> waiting.put(target, new ArrayList<>(turns)));
    }

    Carried carry() {
        Map<String, List<JobTurn>> runningNow = new LinkedHashMap<>();
        Map<String, List<JobTurn>> waitingNow = new LinkedHashMap<>();
        running.forEach((target, turns) -> runningNow.put(target, List.copyOf(turns)));
        waiting.forEach((target, turns) -> waitingNow.put(target, List.copyOf(turns)));
        return new Carried(runningNow, waitingNow);
    }

    /** Whether the member's target bounds its running jobs (an unknown member counts as bounded). */
    boolean bounds(String campaignId) {
        String target = targets.get(campaignId);
        return target == null || limits.containsKey(target);
    }

    /** A member asks for a turn; the turns to give now (this one, if its target has room). */
    List<JobTurn> wanted(JobTurn turn) {
        String target = targets.get(turn.campaignId());
        Integer limit = target == null ? null : limits.get(target);
        if (limit == null) {
            // Not a member, or a target without a limit: nothing to count.
            return target == null ? List.of() : List.of(turn);
        }
        forget(turn.campaignId());
        waiting.computeIfAbsent(target, t -> new ArrayList<>()).add(turn);
        return give(target);
    }

    /** A member gives a turn back (its job ended, or was never made); the turns to give now. */
    List<JobTurn> done(JobTurn turn) {
        String target = targets.get(turn.campaignId());
        if (target == null || !limits.containsKey(target)) {
            return List.of();
        }
        running.getOrDefault(target, new ArrayList<>()).remove(turn);
        waiting.getOrDefault(target, new ArrayList<>()).remove(turn);
        return give(target);
    }

    /** A member ended: whatever it held or asked for is free. */
    List<JobTurn> ended(String campaignId) {
        String target = targets.get(campaignId);
        if (target == null || !limits.containsKey(target)) {
            return List.of();
        }
        forget(campaignId);
        return give(target);
    }

    /** One line per bounded target: its jobs running of its limit, who runs and who waits. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        limits.forEach((target, limit) -> {
            List<JobTurn> now = running.getOrDefault(target, List.of());
            List<JobTurn> next = waiting.getOrDefault(target, List.of());
            StringBuilder line = new StringBuilder(target)
                    .append(": ")
                    .append(now.size())
                    .append(" of at most ")
                    .append(limit)
                    .append(" DRS jobs running");
            if (!now.isEmpty()) {
                line.append(" (").append(campaigns(now)).append(')');
            }
            if (!next.isEmpty()) {
                line.append("; waiting for a turn: ").append(campaigns(next));
            }
            lines.add(line.toString());
        });
        return lines;
    }

    private List<JobTurn> give(String target) {
        List<JobTurn> now = running.computeIfAbsent(target, t -> new ArrayList<>());
        List<JobTurn> next = waiting.computeIfAbsent(target, t -> new ArrayList<>());
        List<JobTurn> given = new ArrayList<>();
        while (!next.isEmpty() && now.size() < limits.get(target)) {
            JobTurn turn = next.remove(0);
            now.add(turn);
            given.add(turn);
        }
        return given;
    }

    private void forget(String campaignId) {
        String target = targets.get(campaignId);
        running.getOrDefault(target, new ArrayList<>())
                .removeIf(t -> t.campaignId().equals(campaignId));
        waiting.getOrDefault(target, new ArrayList<>())
                .removeIf(t -> t.campaignId().equals(campaignId));
    }

    private static String campaigns(List<JobTurn> turns) {
        return String.join(", ", turns.stream().map(JobTurn::campaignId).toList());
    }
}
