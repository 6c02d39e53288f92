package io.cutover.cli;

import io.cutover.campaign.CampaignWorkflow;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WavePriorities;
import io.cutover.wave.WaveWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Validates a spec locally, shows what the campaign will do, and starts it. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a campaign spec, print its plan, and start the campaign.",
            "The campaign id in the spec becomes the workflow id: one campaign per target database."
        })
final class StartCommand implements Callable<Integer> {

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "the campaign spec, YAML or JSON")
    Path specFile;

    @Option(names = "--dry-run", description = "validate and print the plan only; start nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        SpecFile.Loaded loaded = SpecFile.load(specFile);
        if (loaded.spec() instanceof WaveSpec wave) {
            return startWave(wave, loaded);
        }
        CampaignSpec campaign = (CampaignSpec) loaded.spec();
        PrintWriter out = spec.commandLine().getOut();
        out.print(CampaignPlan.describe(campaign));
        if (dryRun) {
            out.print(SpecValues.describe(loaded.values(), loaded.defaulted()));
            out.println("dry run: the spec is valid; nothing was started");
            return 0;
        }
        CampaignWorkflow workflow = cli.client()
                .newWorkflowStub(
                        CampaignWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(campaign.campaignId())
                                .setTaskQueue(cli.connection.taskQueue())
                                .build());
        String runId = WorkflowClient.start(workflow::run, campaign, null).getRunId();
        out.println("started campaign " + campaign.campaignId() + " (run " + runId + "); follow it with:"
                + " cutover status " + campaign.campaignId() + " --watch");
        return 0;
    }

    /** A wave: every problem of the wave and its members at once; then each member's plan. */
    private Integer startWave(WaveSpec wave, SpecFile.Loaded loaded) {
        PrintWriter out = spec.commandLine().getOut();
        List<CampaignSpec> members = WaveSpecs.members(wave);
        out.println("wave " + wave.waveId() + ": " + members.size() + " databases, cut over together"
                + " (no final goes out before every member holds its own)");
        members.forEach(member -> out.print(CampaignPlan.describe(member)));
        if (dryRun) {
            out.print(SpecValues.describe(loaded.values(), loaded.defaulted()));
            out.println("dry run: the wave spec is valid; nothing was started");
            return 0;
        }
        WaveWorkflow workflow = cli.client()
                .newWorkflowStub(
                        WaveWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(wave.waveId())
                                .setTaskQueue(cli.connection.taskQueue())
                                .setPriority(WavePriorities.WAVE)
                                .build());
        String runId = WorkflowClient.start(workflow::run, wave, null).getRunId();
        out.println("started wave " + wave.waveId() + " (run " + runId + ") with its members "
                + String.join(
                        ", ", members.stream().map(CampaignSpec::campaignId).toList())
                + "; cut it over with the wave's requestCutover update (Temporal UI or CLI)");
        return 0;
    }
}
