package io.cutover.cli;

import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Shows a campaign's live table, once or until it finishes. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show a campaign: phase, full job, applied and pending backups, lag, blocked reason, cutover.")
final class StatusCommand implements Callable<Integer> {

    private static final Set<Phase> FINAL = Set.of(Phase.COMPLETED, Phase.ABORTED);

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id")
    String campaignId;

    @Option(names = "--watch", description = "refresh until the campaign completes or is aborted")
    boolean watch;

    @Option(
            names = "--interval",
            defaultValue = "5",
            description = "seconds between refreshes with --watch (default ${DEFAULT-VALUE})")
    long intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CampaignStatus status = cli.campaign(campaignId).status();
        out.print(render(status));
        out.flush();
        while (watch && !FINAL.contains(status.phase())) {
            Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
            status = cli.campaign(campaignId).status();
            out.println("----");
            out.print(render(status));
            out.flush();
        }
        return 0;
    }

    private String render(CampaignStatus status) {
        return StatusView.render(
                status,
                Instant.now(),
                status.finalWatch() == null ? Optional.empty() : cli.lastBucketListing(campaignId));
    }
}
