package io.cutover.simulator.restore;

import java.util.Optional;

/** A backup migration job's status, as DRS spells it. */
public enum JobStatus {
    TRANSFERRING("TRANSFERRING"),
    SUCCESS("SUCCESS"),
    FAILED("FAILED"),
    PRECHECK_FAILED("PRECHECK FAILED");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling on the wire; note the space in "PRECHECK FAILED". */
    public String wireName() {
        return wireName;
    }

    /** Parses a status filter, case-insensitively; empty for an unknown status. */
    public static Optional<JobStatus> fromWireName(String value) {
        for (JobStatus status : values()) {
            if (status.wireName.equalsIgnoreCase(value.trim())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
