package io.cutover.worker;

import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.StageRequest;
import io.cutover.campaign.CampaignSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class ProbeWorkflowImpl implements ProbeWorkflow {

    private final ActivityOptions options = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .build();
    private final DrsActivities drs = Workflow.newActivityStub(DrsActivities.class, options);
    private final BackupActivities backups = Workflow.newActivityStub(BackupActivities.class, options);

    @Override
    public String run(long backupLastModifiedMillis) {
        Workflow.upsertTypedSearchAttributes(CampaignSearchAttributes.PHASE.valueSet("CATCHING_UP"));
        Workflow.getLogger(ProbeWorkflowImpl.class).info("probe workflow running");
        BackupFile file = new BackupFile(
                "db/LOG_1.trn", 10, "etag", backupLastModifiedMillis, "STANDARD", BackupFile.Kind.LOG, "db", "1");
        backups.stage(new StageRequest("bucket", file, "staged/"));
        String jobId = drs.submitJob(null);
        // A retried submit finds the job it made: the metric must count it once.
        drs.submitJob(null);
        JobOutcome outcome = drs.awaitJob(jobId);
        Workflow.upsertTypedSearchAttributes(CampaignSearchAttributes.PHASE.valueSet("BLOCKED"));
        return outcome.state().name();
    }
}
