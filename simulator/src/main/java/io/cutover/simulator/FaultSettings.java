package io.cutover.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable set of faults to inject. Rates are probabilities in [0, 1] drawn from the
 * simulator's seeded random source, so a run with the same seed and the same calls injects the same
 * faults; the "next N" counts inject a fault on exactly the next N calls, for tests that must not
 * depend on chance.
 *
 * @param errorRates per call, the probability of answering {@code errorStatus} without doing
 *     anything
 * @param errorStatus the 5xx status of an injected error (500 unless set)
 * @param throttleRates per call, the probability of answering 429 with {@code Retry-After} and
 *     error code DRS.M01503 without doing anything
 * @param retryAfter the Retry-After of injected 429s (whole seconds are sent, at least 1)
 * @param latency added before every DRS and IAM call is handled
 * @param dropAfterCreateRate the probability that a create, after the job was created, gets no
 *     answer at all: the connection is closed
 * @param dropNextCreates the next N successful creates get no answer (after the job was created)
 * @param timeoutRates per call, the probability that the call is handled (a create makes its
 *     job) and its answer is then held back for {@code timeout}: a client whose read timeout is
 *     shorter gives up first, not knowing what was done
 * @param timeout how long a timed-out call's answer is held back
 * @param failNext per call, the next N calls get {@code errorStatus}
 * @param throttleNext per call, the next N calls get 429
 */
public record FaultSettings(
        Map<DrsCall, Double> errorRates,
        int errorStatus,
        Map<DrsCall, Double> throttleRates,
        Duration retryAfter,
        Duration latency,
        double dropAfterCreateRate,
        int dropNextCreates,
        Map<DrsCall, Double> timeoutRates,
        Duration timeout,
        Map<DrsCall, Integer> failNext,
        Map<DrsCall, Integer> throttleNext) {

    /** No faults at all. */
    public static final FaultSettings NONE = new FaultSettings(
            Map.of(),
            500,
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ZERO,
            0,
            0,
            Map.of(),
            Duration.ofSeconds(60),
            Map.of(),
            Map.of());

    public FaultSettings {
        errorRates = copyRates("errorRates", errorRates);
        throttleRates = copyRates("throttleRates", throttleRates);
        timeoutRates = copyRates("timeoutRates", timeoutRates);
        failNext = copyCounts("failNext", failNext);
        throttleNext = copyCounts("throttleNext", throttleNext);
        if (errorStatus < 500 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be a 5xx status, got " + errorStatus);
        }
        requireNonNegative("retryAfter", Objects.requireNonNull(retryAfter, "retryAfter"));
        requireNonNegative("latency", Objects.requireNonNull(latency, "latency"));
        requireNonNegative("timeout", Objects.requireNonNull(timeout, "timeout"));
        requireRate("dropAfterCreateRate", dropAfterCreateRate);
        if (dropNextCreates < 0) {
            throw new IllegalArgumentException("dropNextCreates must be >= 0, got " + dropNextCreates);
        }
    }

    public FaultSettings withErrorRate(DrsCall call, double rate) {
        return edit(draft -> draft.errorRates = put(errorRates, call, rate));
    }

    public FaultSettings withErrorStatus(int status) {
        return edit(draft -> draft.errorStatus = status);
    }

    public FaultSettings withThrottleRate(DrsCall call, double rate) {
        return edit(draft -> draft.throttleRates = put(throttleRates, call, rate));
    }

    public FaultSettings withRetryAfter(Duration value) {
        return edit(draft -> draft.retryAfter = value);
    }

    public FaultSettings withLatency(Duration value) {
        return edit(draft -> draft.latency = value);
    }

    public FaultSettings withDropAfterCreateRate(double rate) {
        return edit(draft -> draft.dropAfterCreateRate = rate);
    }

    public FaultSettings withDropNextCreates(int count) {
        return edit(draft -> draft.dropNextCreates = count);
    }

    public FaultSettings withTimeoutRate(DrsCall call, double rate) {
        return edit(draft -> draft.timeoutRates = put(timeoutRates, call, rate));
    }

    public FaultSettings withTimeout(Duration value) {
        return edit(draft -> draft.timeout = value);
    }

    public FaultSettings withFailNext(DrsCall call, int count) {
        return edit(draft -> draft.failNext = put(failNext, call, count));
    }

    public FaultSettings withThrottleNext(DrsCall call, int count) {
        return edit(draft -> draft.throttleNext = put(throttleNext, call, count));
    }

    public double errorRate(DrsCall call) {
        return errorRates.getOrDefault(call, 0.0);
    }

    public double throttleRate(DrsCall call) {
        return throttleRates.getOrDefault(call, 0.0);
    }

    public double timeoutRate(DrsCall call) {
        return timeoutRates.getOrDefault(call, 0.0);
    }

    public int failNext(DrsCall call) {
        return failNext.getOrDefault(call, 0);
    }

    public int throttleNext(DrsCall call) {
        return throttleNext.getOrDefault(call, 0);
    }

    /** A copy with one change; the constructor checks the result. */
    private FaultSettings edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new FaultSettings(
                draft.errorRates,
                draft.errorStatus,
                draft.throttleRates,
                draft.retryAfter,
                draft.latency,
                draft.dropAfterCreateRate,
                draft.dropNextCreates,
                draft.timeoutRates,
                draft.timeout,
                draft.failNext,
                draft.throttleNext);
    }

    /** The fields of a settings being edited. */
    private static final class Draft {
        Map<DrsCall, Double> errorRates;
        int errorStatus;
        Map<DrsCall, Double> throttleRates;
        Duration retryAfter;
        Duration latency;
        double dropAfterCreateRate;
        int dropNextCreates;
        Map<DrsCall, Double> timeoutRates;
        Duration timeout;
        Map<DrsCall, Integer> failNext;
        Map<DrsCall, Integer> throttleNext;

        Draft(FaultSettings from) {
            errorRates = from.errorRates;
            errorStatus = from.errorStatus;
            throttleRates = from.throttleRates;
            retryAfter = from.retryAfter;
            latency = from.latency;
            dropAfterCreateRate = from.dropAfterCreateRate;
            dropNextCreates = from.dropNextCreates;
            timeoutRates = from.timeoutRates;
            timeout = from.timeout;
            failNext = from.failNext;
            throttleNext = from.throttleNext;
        }
    }

    private static <V> Map<DrsCall, V> put(Map<DrsCall, V> map, DrsCall call, V value) {
        Map<DrsCall, V> copy = new EnumMap<>(DrsCall.class);
        copy.putAll(map);
        copy.put(Objects.requireNonNull(call, "call"), value);
        return copy;
    }

    private static Map<DrsCall, Double> copyRates(String field, Map<DrsCall, Double> rates) {
        Map<DrsCall, Double> copy = new EnumMap<>(DrsCall.class);
        Objects.requireNonNull(rates, field).forEach((call, rate) -> {
            requireRate(field + "[" + call.wireName() + "]", rate);
            if (rate > 0) {
                copy.put(call, rate);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<DrsCall, Integer> copyCounts(String field, Map<DrsCall, Integer> counts) {
        Map<DrsCall, Integer> copy = new EnumMap<>(DrsCall.class);
        Objects.requireNonNull(counts, field).forEach((call, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException(field + "[" + call.wireName() + "] must be >= 0, got " + count);
            }
            if (count > 0) {
                copy.put(call, count);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void requireRate(String field, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1, got " + rate);
        }
    }

    private static void requireNonNegative(String field, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, got " + duration);
        }
    }
}
