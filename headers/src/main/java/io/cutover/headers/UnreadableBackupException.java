package io.cutover.headers;

/** The bytes given are not a SQL Server backup header this reader understands; the message says why. */
public final class UnreadableBackupException extends RuntimeException {

    public UnreadableBackupException(String reason) {
        super(reason);
    }
}
