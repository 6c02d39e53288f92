package io.cutover.drs;

/** DRS refused the request (400 and other client errors): sending it again cannot help. */
public final class DrsRejectedException extends DrsException {

    DrsRejectedException(String message, int httpStatus, String errorCode, String errorMsg) {
        super(message, httpStatus, errorCode, errorMsg, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
