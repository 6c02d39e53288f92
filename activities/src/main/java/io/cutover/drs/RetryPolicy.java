package io.cutover.drs;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the client itself retries a retryable failure before handing it to its caller
 * (for activities: to Temporal's retry policy, which waits longer and survives restarts).
 *
 * @param maxAttempts attempts per call, the first included (1 disables in-process retries)
 * @param initialBackoff wait before the second attempt when DRS gives no Retry-After
 * @param maxBackoff the exponential backoff's ceiling
 * @param maxRetryAfter the longest Retry-After honoured in-process; a longer one ends the
 *     call at once with the hint on the exception, so that no thread sleeps for minutes
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: at least 1, got " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    /** Four attempts, 1 s doubling up to 20 s, honouring a Retry-After of up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    /** The wait after failed attempt number {@code attempt} (1-based) without a Retry-After. */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static void requirePositive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, got " + value);
        }
    }
}
