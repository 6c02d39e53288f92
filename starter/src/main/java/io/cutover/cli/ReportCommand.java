package io.cutover.cli;

import io.cutover.campaign.CampaignReport;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints the report of a finished campaign: backups, jobs, durations, downtime. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Print a finished campaign's report: every backup with its job, duration and outcome, and the downtime.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id")
    String campaignId;

    @Option(names = "--wait", description = "wait for a running campaign to finish")
    boolean waitForEnd;

    @Override
    public Integer call() {
        WorkflowStub stub = cli.client().newUntypedWorkflowStub(campaignId);
        if (!waitForEnd && stub.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            throw new CliFailure(
                    CliFailure.FAILED,
                    "campaign " + campaignId + " is still running; its report comes when it completes"
                            + " ('cutover report " + campaignId
                            + " --wait' waits for it, 'cutover status' shows it now)");
        }
        CampaignReport report = stub.getResult(CampaignReport.class);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportView.render(report));
        return 0;
    }
}
