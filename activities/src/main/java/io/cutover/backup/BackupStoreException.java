package io.cutover.backup;

/** The store could not be read or written. */
public class BackupStoreException extends RuntimeException {

    private final boolean transientFailure;

    /**
     * @param transientFailure true when trying again later may succeed (the store is down or busy);
     *     false when it refused the request (no such bucket, access denied)
     */
    public BackupStoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
