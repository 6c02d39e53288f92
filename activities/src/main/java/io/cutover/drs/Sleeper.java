package io.cutover.drs;

import java.time.Duration;

/** Waits between attempts; tests put in one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
