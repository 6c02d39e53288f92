package io.cutover.simulator.restore;

/** A restore that cannot go on; its message becomes the job's error_log. */
final class RestoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RestoreFailure(String message) {
        super(message, null, false, false);
    }
}
