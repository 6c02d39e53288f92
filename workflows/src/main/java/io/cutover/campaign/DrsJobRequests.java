package io.cutover.campaign;

import io.cutover.activity.JobRequest;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.StagedBackup;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The DRS job requests of one campaign run, from its spec and its run identity: pure, so that the
 * same file always gives the same request.
 */
final class DrsJobRequests {

    private final CampaignSpec spec;
    private final String runIdentity;

    /** @param runIdentity the campaign run's identity, or null for campaigns started before it */
    DrsJobRequests(CampaignSpec spec, String runIdentity) {
        this.spec = spec;
        this.runIdentity = runIdentity;
    }

    /** A backup staged in OBS, restored as {@code mode}; the database comes online when last. */
    JobRequest fromObs(String jobName, StagedBackup staged, RecoveryMode mode, boolean last) {
        return common(jobName)
                .obsFile(staged.bucket(), staged.fileName(), staged.obsPath())
                .recovery(mode, last)
                .renameTo(last && mode == RecoveryMode.FULL ? spec.restore().renameTo() : null)
                .build();
    }

    /** The seed's RDS scenario: one full backup of another RDS instance, restored as the last. */
    JobRequest fromRds(String jobName) {
        SourceSpec.RdsBackup rds = spec.source().rds();
        return common(jobName)
                .rdsBackup(rds.fileId(), rds.rdsVersion(), rds.sourceInstanceId())
                .recovery(RecoveryMode.FULL, true)
                .renameTo(spec.restore().renameTo())
                .build();
    }

    /** What every job of the campaign shares: its name's owner, its target, its restore options. */
    private JobRequest.Builder common(String jobName) {
        RestoreOptions restore = spec.restore();
        return JobRequest.builder()
                .name(jobName)
                .description(spec.description())
                .enterpriseProjectId(spec.enterpriseProjectId())
                .tags(tags())
                .target(spec.target().instanceId(), spec.target().fileStream())
                .precheck(restore.precheck())
                .cover(restore.cover())
                .defaultRestore(restore.defaultRestore())
                .dbNames(dbNames())
                .deleteBackupFile(restore.deleteBackupFile());
    }

    /** The spec's tags, and the run identity's tag where the campaign has one. */
    private List<Tag> tags() {
        List<Tag> tags = new ArrayList<>(spec.tags() == null ? List.of() : spec.tags());
        if (runIdentity != null) {
            tags.add(new Tag(JobRequest.RUN_TAG, runIdentity));
        }
        return List.copyOf(tags);
    }

    private List<String> dbNames() {
        return spec.restore().dbNames() == null ? List.of() : spec.restore().dbNames();
    }
}
