package io.cutover.cli;

/**
 * A command that could not do what was asked, with the exit code that says why and a message that
 * says what to do about it.
 */
public final class CliFailure extends RuntimeException {

    /** The operation failed (Temporal unreachable, campaign already running, ...). */
    public static final int FAILED = 1;

    /** Bad command line (picocli's own code for usage errors). */
    public static final int USAGE = 2;

    /** No such campaign. */
    public static final int NOT_FOUND = 3;

    /** The spec validator or the workflow's update validator said no. */
    public static final int REJECTED = 4;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
