package io.cutover.wave;

/** Where a wave is, as operators see it. */
public enum WavePhase {
    /** Members restore their fulls and catch up on their logs. */
    CATCHING_UP,
    /** The cutover was requested: members restore everything before their finals and hold them. */
    PREPARING,
    /** A member is blocked: no final goes out for any member until it is fixed or cancelled. */
    BLOCKED,
    /** Every member held its final; the finals go out. */
    COMMITTING,
    COMPLETED,
    ABORTED
}
