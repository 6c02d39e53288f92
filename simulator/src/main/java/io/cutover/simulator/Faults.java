package io.cutover.simulator;

import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The live, thread-safe fault settings of a running simulator. Tests change them between calls; the
 * server consults them on every call. One seeded random source decides all random faults, so the
 * same seed and the same sequence of calls give the same faults.
 */
public final class Faults {

    /** What the server must do with a call before handling it. */
    public enum Verdict {
        /** Handle the call normally. */
        PROCEED,
        /** Answer the configured 5xx and do nothing. */
        ERROR,
        /** Answer 429 with Retry-After and do nothing. */
        THROTTLE
    }

    private final long seed;
    private Random random;
    private FaultSettings settings;

    public Faults(FaultSettings initial, long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.settings = initial;
    }

    public synchronized FaultSettings settings() {
        return settings;
    }

    /** Replaces all settings (and so re-arms the "next N" counts). */
    public synchronized Faults set(FaultSettings replacement) {
        settings = replacement;
        return this;
    }

    /** Changes the settings atomically. */
    public synchronized Faults update(UnaryOperator<FaultSettings> change) {
        settings = change.apply(settings);
        return this;
    }

    /** No more faults. */
    public Faults clear() {
        return set(FaultSettings.NONE);
    }

    public Faults errorRate(DrsCall call, double rate) {
        return update(s -> s.withErrorRate(call, rate));
    }

    public Faults errorStatus(int status) {
        return update(s -> s.withErrorStatus(status));
    }

    public Faults throttleRate(DrsCall call, double rate) {
        return update(s -> s.withThrottleRate(call, rate));
    }

    public Faults retryAfter(Duration retryAfter) {
        return update(s -> s.withRetryAfter(retryAfter));
    }

    public Faults latency(Duration latency) {
        return update(s -> s.withLatency(latency));
    }

    public Faults dropAfterCreateRate(double rate) {
        return update(s -> s.withDropAfterCreateRate(rate));
    }

    public Faults dropNextCreates(int count) {
        return update(s -> s.withDropNextCreates(count));
    }

    public Faults timeoutRate(DrsCall call, double rate) {
        return update(s -> s.withTimeoutRate(call, rate));
    }

    public Faults timeout(Duration timeout) {
        return update(s -> s.withTimeout(timeout));
    }

    public Faults failNext(DrsCall call, int count) {
        return update(s -> s.withFailNext(call, count));
    }

    public Faults throttleNext(DrsCall call, int count) {
        return update(s -> s.withThrottleNext(call, count));
    }

    /**
     * Decides the fate of one call and consumes a "next N" count if one applies. Throttling is
     * decided before errors, as a gateway in front of the service would.
     */
    public synchronized Verdict decide(DrsCall call) {
        if (settings.throttleNext(call) > 0) {
            settings = settings.withThrottleNext(call, settings.throttleNext(call) - 1);
            return Verdict.THROTTLE;
        }
        if (settings.failNext(call) > 0) {
            settings = settings.withFailNext(call, settings.failNext(call) - 1);
            return Verdict.ERROR;
        }
        if (chance(settings.throttleRate(call))) {
            return Verdict.THROTTLE;
        }
        if (chance(settings.errorRate(call))) {
            return Verdict.ERROR;
        }
        return Verdict.PROCEED;
    }

    /**
     * Decides whether the answer to a create that has just created a job is dropped, consuming a
     * "next N creates" count if one is set.
     */
    public synchronized boolean dropThisCreate() {
        if (settings.dropNextCreates() > 0) {
            settings = settings.withDropNextCreates(settings.dropNextCreates() - 1);
            return true;
        }
        return chance(settings.dropAfterCreateRate());
    }

    /**
     * Decides whether the answer to a call that has just been handled is held back for the
     * configured timeout, so that the client times out after the call took effect.
     */
    public synchronized boolean timeOutThisCall(DrsCall call) {
        return chance(settings.timeoutRate(call));
    }

    /** Restarts the random source from the seed, so that a reset run repeats the same faults. */
    synchronized void reseed(FaultSettings replacement) {
        random = new Random(seed);
        settings = replacement;
    }

    /** Draws only when the rate is set, so that unrelated calls do not shift the sequence. */
    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
