package io.cutover.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one job held by the simulator, with the request's options as the simulator
 * understood them, for tests to assert on ("exactly one job per file, in order").
 *
 * @param id the job id
 * @param projectId the project it was created in
 * @param name base_info.name (as last updated)
 * @param description base_info.description (as last updated), or null
 * @param status TRANSFERRING, SUCCESS, FAILED or PRECHECK FAILED
 * @param errorLog why it failed, or "" when it did not
 * @param targetInstanceId target_db_info.target_instance_id
 * @param fileSource OBS or RDS
 * @param bucketName backup_info.bucket_name, or null
 * @param fileNames the names of backup_info.files, in order
 * @param recoveryMode "full" or "incre" (an RDS restore sent with "" counts as full)
 * @param lastBackup options.is_last_backup (an RDS restore sent with "" counts as true)
 * @param precheck options.is_precheck
 * @param databases the databases the job restored into, as the simulator resolved them (empty while
 *     TRANSFERRING)
 * @param createTime when it was created
 * @param finishTime when it finished, or null while TRANSFERRING
 */
public record SimulatedJob(
        String id,
        String projectId,
        String name,
        String description,
        String status,
        String errorLog,
        String targetInstanceId,
        String fileSource,
        String bucketName,
        List<String> fileNames,
        String recoveryMode,
        boolean lastBackup,
        boolean precheck,
        List<String> databases,
        Instant createTime,
        Instant finishTime) {

    public SimulatedJob {
        fileNames = List.copyOf(fileNames);
        databases = List.copyOf(databases);
    }
}
