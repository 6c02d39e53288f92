package io.cutover.drs.model;

import java.util.Locale;

/**
 * A job's status as this client understands it. DRS documents upper-case values with a
 * space in "PRECHECK FAILED", while its show page also shows lower-case ones; parsing is
 * therefore case-insensitive and treats '_' like a space.
 */
public enum JobStatus {
    /** The restore is running. */
    TRANSFERRING,
    SUCCESS,
    FAILED,
    PRECHECK_FAILED,
    /**
     * A value this client does not know. It is never success: callers keep waiting for it,
     * with the bounded patience of their own timeout.
     */
    UNKNOWN;

    /** Parses DRS's status text; null or unrecognised text gives {@link #UNKNOWN}. */
    public static JobStatus parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String normalised = raw.trim().replace('_', ' ').replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return switch (normalised) {
            case "TRANSFERRING" -> TRANSFERRING;
            case "SUCCESS" -> SUCCESS;
            case "FAILED" -> FAILED;
            case "PRECHECK FAILED" -> PRECHECK_FAILED;
            // Huawei's own Terraform provider treats any status containing FAILED as a failure;
            // stopping on it lets the operator decide instead of polling until a timeout.
            default -> normalised.contains("FAILED") ? FAILED : UNKNOWN;
        };
    }

    /** Whether the job has ended (successfully or not). */
    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == PRECHECK_FAILED;
    }
}
