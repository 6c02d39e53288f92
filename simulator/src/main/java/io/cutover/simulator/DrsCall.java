package io.cutover.simulator;

import java.util.Locale;

/** The calls the simulator serves; faults are set per call. */
public enum DrsCall {
    /** POST /v3/auth/tokens (IAM). */
    TOKEN,
    /** POST /v5/{project_id}/backup-migration-jobs. */
    CREATE,
    /** GET /v5/{project_id}/backup-migration-jobs. */
    LIST,
    /** GET /v5/{project_id}/backup-migration-jobs/{job_id}. */
    SHOW,
    /** PUT /v5/{project_id}/backup-migration-jobs/{job_id}. */
    UPDATE,
    /** DELETE /v5/{project_id}/backup-migration-jobs/{job_id}. */
    DELETE;

    /** The name used on the command line and in the admin endpoint's JSON: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively. */
    public static DrsCall fromWireName(String name) {
        for (DrsCall call : values()) {
            if (call.wireName().equalsIgnoreCase(name.trim())) {
                return call;
            }
        }
        throw new IllegalArgumentException(
                "unknown call \"" + name + "\"; expected one of token, create, list, show, update, delete");
    }
}
