package io.cutover.e2e.faults;

import io.cutover.e2e.Waits;
import io.cutover.e2e.WorkerProcess;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Row 1's kills of the one worker that concurrent runs share: SIGKILL, then a new worker 2 s
 * later. One kill at a time: a run whose moment comes while another run's kill is under way either
 * waits for the next moment of the same kind ({@link #tryKill}) or for the worker to be back
 * ({@link #kill}). Each kill is counted under the point of the run's life it was aimed at.
 */
final class WorkerKills {

    /** Where in its life a run has the worker killed. */
    enum Point {
        FULL_RESTORE("while its full restores"),
        AFTER_CREATE("right after a create"),
        MID_CATCH_UP("mid catch-up"),
        DURING_CUTOVER("during its cutover");

        final String label;

        Point(String label) {
            this.label = label;
        }
    }

    private static final Duration DEAD_TIME = Duration.ofSeconds(2);

    private final WorkerProcess worker;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Map<Point, Integer> kills = new EnumMap<>(Point.class);

    WorkerKills(WorkerProcess worker) {
        this.worker = worker;
    }

    /** Kills after {@code delay} unless another kill is under way; false if one was. */
    boolean tryKill(Point point, Duration delay) {
        if (!oneAtATime.tryLock()) {
            return false;
        }
        killLocked(point, delay);
        return true;
    }

    /** Kills after {@code delay}, once any kill under way has ended. */
    void kill(Point point, Duration delay) {
        oneAtATime.lock();
        killLocked(point, delay);
    }

    synchronized int total() {
        return kills.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The kills by point, e.g. "while its full restores 5, right after a create 6". */
    synchronized String byPoint() {
        return kills.entrySet().stream()
                .map(entry -> entry.getKey().label + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private void killLocked(Point point, Duration delay) {
        try {
            Waits.pause(delay);
            worker.kill();
            synchronized (this) {
                kills.merge(point, 1, Integer::sum);
            }
            Waits.pause(DEAD_TIME);
            worker.startAgain();
        } finally {
            oneAtATime.unlock();
        }
    }
}
