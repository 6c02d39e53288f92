package io.cutover.activity;

/**
 * An object discovery saw but will not hand on for submission, with the reason.
 *
 * @param key the object key
 * @param problem why it is not handed on
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
        UNUSABLE,
        /** Its header cannot be read (random bytes, truncated, compressed). */
        UNREADABLE,
        /** A backup of another database or server, under the campaign's prefix. */
        OTHER_DATABASE,
        /** Striped over several files (family count above 1): DRS takes one file per backup. */
        STRIPED,
        /** Its media has a password. */
        PASSWORD,
        /** Taken by a SQL Server newer than the target's. */
        TOO_NEW,
        /** A differential based on another full than the campaign's. */
        WRONG_BASE,
        /** A log the database is already past (a copy-only overlap, one ending where the chain stands). */
        COVERED
    }
}
