package io.cutover.activity;

/**
 * How a finished DRS job ended.
 *
 * @param jobId the DRS job id
 * @param state SUCCESS, FAILED or PRECHECK_FAILED
 * @param errorLog the job's error_log, or null
 * @param createTime the job's create_time as DRS gave it
 * @param finishTime the job's finish_time as DRS gave it
 */
public record JobOutcome(String jobId, State state, String errorLog, String createTime, String finishTime) {

    /** Terminal job states. */
    public enum State {
        SUCCESS,
        FAILED,
        PRECHECK_FAILED
    }

    public boolean succeeded() {
        return state == State.SUCCESS;
    }
}
