package io.cutover.activity;

/**
 * An object discovery saw but will not hand on for submission, with the reason.
 *
 * @param key the object key
 * @param problem LATE, DUPLICATE or UNUSABLE
 * @param reason a sentence for the operator
 */
public record BackupReport(String key, Problem problem, String reason) {

    /** Why an object is not handed on. */
    public enum Problem {
        /** Its order key is not after the last one handed on: applying it would break the chain. */
        LATE,
        /** Same order key, or same ETag and size, as one already seen. */
        DUPLICATE,
        /** Empty, or in a storage class DRS cannot restore from (archive). */
        UNUSABLE
    }
}
