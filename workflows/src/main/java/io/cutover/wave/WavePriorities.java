package io.cutover.wave;

import io.temporal.common.Priority;

/**
 * The task priorities of a wave and its members. A wave of 50 members hands the worker some 150
 * workflow tasks within the second after its cutover request; in one queue, the wave's own task
 * (the one that decides the commit once every member holds its final) waited behind them, 0.3 to
 * 1.1 s on Temporal with PostgreSQL. Started with {@link #WAVE}, the wave's tasks go first; its
 * members run at the default priority, the one every other campaign runs at, rather than inherit
 * the wave's.
 */
public final class WavePriorities {

    /** The wave's own priority: ahead of every campaign (1 is the highest, 3 the default). */
    public static final Priority WAVE = Priority.newBuilder().setPriorityKey(2).build();

    /** The members' priority: the default, as any campaign's. */
    public static final Priority MEMBERS =
            Priority.newBuilder().setPriorityKey(3).build();

    private WavePriorities() {}
}
