package io.cutover.drs;

/** The job does not exist (404, DRS.10000010 or DRS.M05003). */
public final class DrsJobNotFoundException extends DrsException {

    private final String jobId;

    DrsJobNotFoundException(String message, String jobId, int httpStatus, String errorCode, String errorMsg) {
        super(message, httpStatus, errorCode, errorMsg, null);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
