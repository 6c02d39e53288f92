package io.cutover.drs;

import java.time.Duration;
import java.util.Optional;

/**
 * A DRS call that failed, classified so that callers can decide whether to retry. Messages
 * carry the method, the path, the HTTP status and DRS's error body: never a credential.
 */
public abstract sealed class DrsException extends RuntimeException
        permits DrsRejectedException, DrsJobNotFoundException, DrsAuthenticationException, DrsUnavailableException {

    private final int httpStatus;
    private final String errorCode;
    private final String errorMsg;

    DrsException(String message, int httpStatus, String errorCode, String errorMsg, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
    }

    /** Whether the same call may succeed later. */
    public abstract boolean retryable();

    /** How long DRS asked to wait before the next attempt (its Retry-After), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The HTTP status of DRS's answer, or 0 when there was none (I/O error, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** error_code of DRS's error body, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** error_msg of DRS's error body, or null. */
    public String errorMsg() {
        return errorMsg;
    }
}
