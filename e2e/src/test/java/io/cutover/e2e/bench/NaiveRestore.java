package io.cutover.e2e.bench;

import io.cutover.activities.BackupActivitiesImpl;
import io.cutover.activities.DrsActivitiesImpl;
import io.cutover.activity.BackupFile;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.JobRequest;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.backup.BackupStaging;
import io.cutover.drs.DrsClient;
import io.cutover.drs.model.JobStatus;
import io.cutover.spec.CampaignSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline the campaign is measured against: one thread making the same bucket and DRS calls
 * as the campaign's activities, one file after the other, with no Temporal in between. It lists
 * with the campaign's discovery, stages with the campaign's staging, submits by name (look-up,
 * then create) and reads the job until it succeeds.
 */
final class NaiveRestore {

    private final BackupActivitiesImpl bucket;
    private final BackupStaging staging;
    private final DrsActivitiesImpl drs;
    private final DrsClient client;

    NaiveRestore(BackupActivitiesImpl bucket, BackupStaging staging, DrsClient client) {
        this.bucket = bucket;
        this.staging = staging;
        this.drs = new DrsActivitiesImpl(client);
        this.client = client;
    }

    /** Restores the spec's full and then every log backup found, {@code files} in all. */
    void restore(CampaignSpec spec, int files) {
        List<BackupFile> found = discover(spec, files);
        for (int i = 0; i < found.size(); i++) {
            BackupFile file = found.get(i);
            StagedBackup staged = staging.stage(
                    new StageRequest(spec.source().bucket(), file, spec.source().stagingPrefix()));
            String jobId = drs.submitJob(request(spec, staged, i));
            awaitSuccess(jobId);
        }
    }

    /** The full first (described as the campaign does), then the log backups in chain order. */
    private List<BackupFile> discover(CampaignSpec spec, int files) {
        List<BackupFile> found = new ArrayList<>();
        found.add(bucket.describe(spec.source().bucket(), spec.source().fullBackup()));
        DiscoveryRequest request = new DiscoveryRequest(spec.source(), 0, null, 50);
        while (found.size() < files) {
            DiscoveryResult result = bucket.scan(request);
            if (result.ready().isEmpty()) {
                throw new IllegalStateException("only " + found.size() + " of " + files + " files in the bucket");
            }
            found.addAll(result.ready());
            request = new DiscoveryRequest(spec.source(), 0, result.next(), 50);
        }
        return found.subList(0, files);
    }

    private static JobRequest request(CampaignSpec spec, StagedBackup staged, int index) {
        JobRequest.RecoveryMode mode = index == 0 ? JobRequest.RecoveryMode.FULL : JobRequest.RecoveryMode.INCRE;
        return JobRequest.builder()
                .name(spec.campaignId() + "-" + index)
                .description(spec.description())
                .target(spec.target().instanceId(), spec.target().fileStream())
                .obsFile(staged.bucket(), staged.fileName(), staged.obsPath())
                .recovery(mode, false)
                .precheck(spec.restore().precheck())
                .cover(spec.restore().cover())
                .defaultRestore(spec.restore().defaultRestore())
                .deleteBackupFile(spec.restore().deleteBackupFile())
                .build();
    }

    /**
     * Reads the job with DRS's show call, back to back, until it succeeds: the baseline waits no
     * longer than it must (the activity's awaitJob heartbeats, which needs an activity context).
     */
    private void awaitSuccess(String jobId) {
        for (int reads = 0; reads < 10_000; reads++) {
            JobStatus status = client.showJob(jobId).jobStatus();
            if (status == JobStatus.SUCCESS) {
                return;
            }
            if (status != JobStatus.TRANSFERRING && status != JobStatus.UNKNOWN) {
                throw new IllegalStateException("job " + jobId + " ended " + status);
            }
        }
        throw new IllegalStateException("job " + jobId + " still running after 10,000 reads");
    }
}
