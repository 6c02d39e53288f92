package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** backup_info.file_source; DRS wants it in upper case, which the enum's names guarantee. */
public enum FileSource {
    /** The backup file is in an OBS bucket. */
    OBS,
    /** The backup file is a full backup of an RDS instance. */
    RDS;

    /** Reads the value leniently (any case); anything else reads as null rather than failing. */
    @JsonCreator
    public static FileSource fromWire(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "OBS" -> OBS;
            case "RDS" -> RDS;
            default -> null;
        };
    }
}
