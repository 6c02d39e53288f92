package io.cutover.simulator.restore;

import java.util.List;

/**
 * How a job ended.
 *
 * @param status SUCCESS, FAILED or PRECHECK_FAILED
 * @param errorLog why it failed, "" when it did not
 * @param databases the databases the job restored into (as far as it got), by their names in the
 *     backup
 * @param newDatabaseNames the databases' names on the target where the job renamed them, or empty
 */
public record RestoreResult(JobStatus status, String errorLog, List<String> databases, List<String> newDatabaseNames) {

    public RestoreResult {
        databases = List.copyOf(databases);
        newDatabaseNames = List.copyOf(newDatabaseNames);
    }

    static RestoreResult success(List<String> databases, List<String> newDatabaseNames) {
        return new RestoreResult(JobStatus.SUCCESS, "", databases, newDatabaseNames);
    }

    static RestoreResult failed(String errorLog, List<String> databases) {
        return new RestoreResult(JobStatus.FAILED, errorLog, databases, List.of());
    }

    static RestoreResult precheckFailed(String errorLog) {
        return new RestoreResult(JobStatus.PRECHECK_FAILED, errorLog, List.of(), List.of());
    }
}
