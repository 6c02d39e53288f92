package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * options.recovery_mode. Sent as {@code full} / {@code incre}; the show answer is reported to
 * give {@code "1"} / {@code "2"} instead, so both are read.
 */
public enum RecoveryMode {
    FULL("full", "1"),
    INCRE("incre", "2");

    private final String wire;
    private final String numeric;

    RecoveryMode(String wire, String numeric) {
        this.wire = wire;
        this.numeric = numeric;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Reads full/incre (any case) or 1/2. The seed's own RDS example sends "" here, and a
     * status poll must not break on a value it has not seen, so anything else reads as null.
     */
    @JsonCreator
    public static RecoveryMode fromWire(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        for (RecoveryMode mode : values()) {
            if (mode.wire.equals(trimmed) || mode.numeric.equals(trimmed)) {
                return mode;
            }
        }
        return null;
    }
}
