package io.cutover.spec;

import java.util.List;

/**
 * Specs of the seed's three scenarios with the defaults a DBA would pick, for the CLI's
 * {@code demo} and for starting a campaign from a handful of values. Everything else can be
 * changed afterwards with the records' own constructors; the validator still has the last word.
 */
public final class CampaignSpecs {

    /**
     * Poll every minute, take a backup once it has not changed for two minutes, raise the
     * final-backup alarm after 30 minutes, start a fresh run every 500 files.
     */
    public static final Timing DEFAULT_TIMING = new Timing(60, 120, 1800, 500, 0);

    /** Restore every database of the backup, overwrite nothing, precheck, delete the downloaded copy. */
    public static final RestoreOptions DEFAULT_RESTORE = new RestoreOptions(List.of(), true, false, null, true, true);

    private static final NamingSpec OLA_HALLENGREN = new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null);

    private CampaignSpecs() {}

    /**
     * Full restore, then every log backup named by Ola Hallengren's convention, then the
     * operator's cutover.
     *
     * @param prefix the folder the backups are uploaded to, ending in '/' ("" for the root)
     * @param stagingPrefix the folder compliant copies go to, outside the prefix
     */
    public static CampaignSpec fullAndIncremental(
            String campaignId,
            String targetInstanceId,
            String bucket,
            String prefix,
            String fullBackupKey,
            String database,
            String stagingPrefix) {
        SourceSpec source =
                new SourceSpec(bucket, prefix, fullBackupKey, OLA_HALLENGREN, database, stagingPrefix, null);
        return spec(campaignId, CampaignSpec.Mode.FULL_AND_INCREMENTAL, targetInstanceId, source);
    }

    /** One full backup from OBS restored as the last backup (the database comes online). */
    public static CampaignSpec oneTimeFull(
            String campaignId, String targetInstanceId, String bucket, String fullBackupKey, String stagingPrefix) {
        String folder = fullBackupKey.substring(0, fullBackupKey.lastIndexOf('/') + 1);
        SourceSpec source = new SourceSpec(bucket, folder, fullBackupKey, null, null, stagingPrefix, null);
        return spec(campaignId, CampaignSpec.Mode.ONE_TIME_FULL, targetInstanceId, source);
    }

    /** A full restore from an RDS instance's own backup. */
    public static CampaignSpec rdsFull(String campaignId, String targetInstanceId, SourceSpec.RdsBackup backup) {
        SourceSpec source = new SourceSpec(null, null, null, null, null, null, backup);
        return spec(campaignId, CampaignSpec.Mode.RDS_FULL, targetInstanceId, source);
    }

    private static CampaignSpec spec(
            String campaignId, CampaignSpec.Mode mode, String targetInstanceId, SourceSpec source) {
        return new CampaignSpec(
                campaignId,
                mode,
                new TargetSpec(targetInstanceId, null),
                source,
                DEFAULT_RESTORE,
                jobNamePrefix(campaignId),
                null,
                List.of(),
                "cutover campaign " + campaignId,
                DEFAULT_TIMING);
    }

    /**
     * The campaign id as a job name prefix: characters DRS refuses become '-', and it is cut to
     * the longest prefix the job names leave room for.
     */
    static String jobNamePrefix(String campaignId) {
        if (campaignId == null || campaignId.isEmpty()) {
            return campaignId;
        }
        String allowed = campaignId.replaceAll("[^A-Za-z0-9_-]", "-");
        return allowed.substring(0, Math.min(allowed.length(), CampaignSpecValidator.MAX_JOB_NAME_PREFIX));
    }
}
