package io.cutover.drs;

import java.time.Duration;
import java.util.Optional;

/**
 * DRS could not answer now: throttling (429, DRS.M01503), a server error (5xx), a timeout or
 * an I/O error. The call may succeed later.
 */
public final class DrsUnavailableException extends DrsException {

    private final Duration retryAfter;
    private final boolean maybeApplied;

    DrsUnavailableException(
            String message,
            int httpStatus,
            String errorCode,
            String errorMsg,
            Duration retryAfter,
            boolean maybeApplied,
            Throwable cause) {
        super(message, httpStatus, errorCode, errorMsg, cause);
        this.retryAfter = retryAfter;
        this.maybeApplied = maybeApplied;
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether DRS may have carried the request out although the client saw a failure (the
     * request was sent, then the answer was lost or was a server error). Repeating a create
     * blindly after such a failure could make a second job.
     */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
