package io.cutover.spec;

import java.util.List;

/**
 * Everything a campaign needs to run, as the operator writes it (YAML or JSON). It holds no
 * secret: credentials for DRS and OBS belong to the worker's own configuration.
 *
 * @param campaignId the workflow id; one campaign per target database at a time
 * @param mode which of the seed's three scenarios this campaign runs
 * @param target the RDS for SQL Server instance restored into
 * @param source where the backups come from (an OBS bucket and prefix, or an RDS backup)
 * @param restore restore options passed to every job
 * @param jobNamePrefix prefix of the deterministic DRS job names (letters, digits, '-', '_')
 * @param enterpriseProjectId enterprise project of the DRS jobs, or null
 * @param tags tags put on every DRS job
 * @param description description put on every DRS job, or null
 * @param timing polling, settle and alarm intervals
 */
public record CampaignSpec(
        String campaignId,
        Mode mode,
        TargetSpec target,
        SourceSpec source,
        RestoreOptions restore,
        String jobNamePrefix,
        String enterpriseProjectId,
        List<Tag> tags,
        String description,
        Timing timing) {

    /** The seed's three scenarios. */
    public enum Mode {
        /** Full restore, then every log backup, then the operator's cutover. */
        FULL_AND_INCREMENTAL,
        /** One full backup from OBS, restored with is_last_backup=true. */
        ONE_TIME_FULL,
        /** A full restore from an RDS instance's own backup (file_source=RDS). */
        RDS_FULL
    }
}
