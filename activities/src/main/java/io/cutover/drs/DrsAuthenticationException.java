package io.cutover.drs;

/**
 * The credentials were refused: the token stayed invalid after one refresh, or the identity
 * service refused the password. Retrying with the same configuration cannot help.
 */
public final class DrsAuthenticationException extends DrsException {

    DrsAuthenticationException(String message, int httpStatus, String errorCode, String errorMsg, Throwable cause) {
        super(message, httpStatus, errorCode, errorMsg, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
