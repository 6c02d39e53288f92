package io.cutover.spec;

/**
 * The RDS for SQL Server instance a campaign restores into.
 *
 * @param instanceId target_instance_id
 * @param fileStream ms_file_stream_status ("on" or "off"), or null to leave it out
 * @param maxRunningJobs how many DRS jobs a wave's members run at once on this instance (each
 *     member asks its wave for a slot before every create, its final too), or null for no limit.
 *     DRS does not document its own limit; a campaign outside a wave runs one job at a time.
 */
public record TargetSpec(String instanceId, String fileStream, Integer maxRunningJobs) {

    /** A target without a limit of jobs at once. */
    public TargetSpec(String instanceId, String fileStream) {
        this(instanceId, fileStream, null);
    }

    /** Whether the wave's members take turns for this instance's jobs. */
    public boolean limitsJobs() {
        return maxRunningJobs != null && maxRunningJobs > 0;
    }
}
