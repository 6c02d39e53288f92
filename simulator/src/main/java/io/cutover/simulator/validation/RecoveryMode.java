package io.cutover.simulator.validation;

/** options.recovery_mode. */
public enum RecoveryMode {
    /** A full backup that starts a chain. */
    FULL,
    /** A log backup that continues one. */
    INCRE;

    /** The seed's spelling: "full" or "incre". */
    public String wireName() {
        return this == FULL ? "full" : "incre";
    }

    /** The numeric code the real service is reported to answer in show. */
    public String numericCode() {
        return this == FULL ? "1" : "2";
    }
}
