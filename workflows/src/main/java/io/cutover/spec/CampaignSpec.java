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
 * @param chain how the chain is planned by the backups' headers (differentials, the missing-log
 *     alarm, the target's version); null for every default
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
        Timing timing,
        ChainSpec chain) {

    /** A spec with every chain-planning default. */
    public CampaignSpec(
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
        this(
                campaignId,
                mode,
                target,
                source,
                restore,
                jobNamePrefix,
                enterpriseProjectId,
                tags,
                description,
                timing,
                null);
    }

    /** The same spec on another target (or the same instance with another limit of jobs at once). */
    public CampaignSpec withTarget(TargetSpec newTarget) {
        return new CampaignSpec(
                campaignId,
                mode,
                newTarget,
                source,
                restore,
                jobNamePrefix,
                enterpriseProjectId,
                tags,
                description,
                timing,
                chain);
    }

    /** The chain-planning settings, defaults where left out. */
    public ChainSpec chainOrDefaults() {
        return chain == null ? ChainSpec.DEFAULTS : chain;
    }

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
