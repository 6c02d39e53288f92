package io.cutover.backup;

/** A backup cannot be staged as it is: retrying will not help, the operator must look. */
public class StagingException extends RuntimeException {

    public StagingException(String message) {
        super(message);
    }
}
