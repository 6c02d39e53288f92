package io.cutover.spec;

/**
 * How backup object names are classified (FULL, DIFF, LOG), tied to a database and ordered.
 *
 * @param convention the built-in convention
 * @param pattern for REGEX: a Java regular expression with named groups db, type, ts and
 *     optionally seq
 */
public record NamingSpec(Convention convention, String pattern) {

    /** The built-in naming conventions. */
    public enum Convention {
        /** Ola Hallengren's {Server}${Instance}_{Database}_{FULL|DIFF|LOG}_{yyyyMMdd}_{HHmmss}[_{n}].ext */
        OLA_HALLENGREN,
        /** A regular expression with named groups db, type, ts, seq. */
        REGEX,
        /** Plain lexical order of the key; every object under the prefix is a log backup. */
        LEXICAL
    }
}
