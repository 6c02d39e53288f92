package io.cutover.cli;

import io.cutover.campaign.CampaignSearchAttributes;
import io.cutover.campaign.CampaignWorkflow;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Lists campaigns by phase, from the search attributes the campaigns keep current. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "List campaigns by phase (from the CampaignPhase, TargetInstanceId and AppliedBackups search attributes).")
final class ListCommand implements Callable<Integer> {

    private static final String ROW = "%-18s %-32s %-38s %7s  %-10s %s%n";

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--phase", description = "only campaigns in this phase, e.g. BLOCKED")
    String phase;

    @Option(names = "--wave", description = "only the member campaigns of this wave")
    String wave;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        String query = "WorkflowType = '" + CampaignWorkflow.TYPE + "'";
        if (phase != null) {
            query += " AND " + CampaignSearchAttributes.PHASE.getName() + " = '"
                    + phase.toUpperCase(java.util.Locale.ROOT) + "'";
        }
        if (wave != null) {
            query += " AND " + CampaignSearchAttributes.WAVE_ID.getName() + " = '" + wave.replace("'", "") + "'";
        }
        List<WorkflowExecutionMetadata> campaigns = cli.client()
                .listExecutions(query)
                .limit(limit)
                .sorted(Comparator.comparing((WorkflowExecutionMetadata m) -> String.valueOf(phaseOf(m)))
                        .thenComparing(m -> m.getExecution().getWorkflowId()))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(ROW, "phase", "campaign", "target instance", "applied", "status", "started");
        for (WorkflowExecutionMetadata campaign : campaigns) {
            Long applied = campaign.getTypedSearchAttributes().get(CampaignSearchAttributes.APPLIED_BACKUPS);
            out.printf(
                    ROW,
                    phaseOf(campaign),
                    campaign.getExecution().getWorkflowId(),
                    orDash(campaign.getTypedSearchAttributes().get(CampaignSearchAttributes.TARGET_INSTANCE_ID)),
                    applied == null ? "-" : applied,
                    campaign.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
                    campaign.getStartTime());
        }
        out.println(campaigns.size() + " campaign(s)");
        return 0;
    }

    private static String phaseOf(WorkflowExecutionMetadata campaign) {
        return orDash(campaign.getTypedSearchAttributes().get(CampaignSearchAttributes.PHASE));
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
