package io.cutover.e2e;

import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.headers.SqlServerFixtures;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.Timing;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A campaign on real SQL Server backups (the fixture backups' first 64 KiB) uploaded to the suite's
 * S3 server under their own names, which need not sort: the campaign plans the chain from their
 * headers, without a naming convention, and the simulator process restores them by SQL Server's
 * rules.
 */
final class RealChainRun {

    private static final Timing TIMING = new Timing(1, 1, 60, 1000, 1);

    final String id;
    final String targetInstanceId;
    private final String prefix;
    private final String database;
    private final String fullPath;
    private final E2eEnvironment env;
    private final WorkflowStub stub;

    RealChainRun(E2eEnvironment env, String name, String database, String fullPath) {
        this.env = env;
        this.id = "cutover-e2e-" + name;
        this.targetInstanceId = "e2e" + name + "in04";
        this.prefix = name + "/";
        this.database = database;
        this.fullPath = fullPath;
        this.stub = env.client.newUntypedWorkflowStub(
                CampaignWorkflow.TYPE,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(10))
                        .build());
    }

    /** Uploads a fixture backup under the run's prefix, by its own file name. */
    void upload(String path) {
        env.s3.put(BackupFeed.BUCKET, key(path), SqlServerFixtures.bytes(path));
    }

    String key(String path) {
        return prefix + SqlServerFixtures.fileName(path);
    }

    void start() {
        stub.start(
                new CampaignSpec(
                        id,
                        CampaignSpec.Mode.FULL_AND_INCREMENTAL,
                        new TargetSpec(targetInstanceId, "off"),
                        new SourceSpec(
                                BackupFeed.BUCKET, prefix, key(fullPath), null, database, "staging/" + prefix, null),
                        new RestoreOptions(List.of(), true, false, null, false, true),
                        "e2e",
                        null,
                        List.of(),
                        "end-to-end test on real backups " + id,
                        TIMING),
                null);
    }

    CampaignStatus status() {
        return stub.query("status", CampaignStatus.class);
    }

    /** The operator names the final through the Temporal CLI's update. */
    void cutoverWithCliUpdate(String finalBackup) {
        env.temporal.cli(
                "workflow",
                "update",
                "execute",
                "--workflow-id",
                id,
                "--name",
                "requestCutover",
                "--input",
                "{\"finalBackup\":\"" + finalBackup + "\"}");
    }

    CampaignReport awaitReport(Duration timeout) {
        try {
            return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, CampaignReport.class);
        } catch (TimeoutException e) {
            throw new AssertionError(id + " did not complete within " + timeout, e);
        }
    }
}
