package io.cutover.spec;

import java.util.List;

/**
 * Several databases migrated together and cut over in one window (YAML or JSON, as the operator
 * writes it): what the members share, and each member. Each member becomes a full campaign.
 *
 * @param waveId the wave's workflow id; members' campaign ids are {@code waveId-database}
 * @param defaults what every member shares (target, bucket, naming, staging prefix, restore
 *     options, job name prefix, tags, timing, chain); its campaign id, prefix, full backup and
 *     database are the members'
 * @param members the databases of the wave
 */
public record WaveSpec(String waveId, CampaignSpec defaults, List<WaveMember> members) {

    /**
     * One database of the wave; every field left out comes from the defaults.
     *
     * @param database the source database (required)
     * @param prefix where its backups are uploaded (required)
     * @param fullBackup its full backup's object key (required)
     * @param targetInstanceId another target instance than the defaults', or null
     * @param stagingPrefix its staging prefix, or null for the defaults' plus the database and '/'
     * @param jobNamePrefix its job name prefix, or null for one made from its campaign id
     */
    public record WaveMember(
            String database,
            String prefix,
            String fullBackup,
            String targetInstanceId,
            String stagingPrefix,
            String jobNamePrefix) {

        /** A member that takes everything else from the defaults. */
        public WaveMember(String database, String prefix, String fullBackup) {
            this(database, prefix, fullBackup, null, null, null);
        }
    }
}
