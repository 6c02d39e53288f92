package io.cutover.cli;

import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.Phase;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
        description =
                "Show a campaign (phase, full job, applied and pending backups, lag, blocked reason, cutover), or a wave and a line per member.")
final class StatusCommand implements Callable<Integer> {

    private static final Set<Phase> FINAL = Set.of(Phase.COMPLETED, Phase.ABORTED);

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the campaign's or the wave's (workflow) id")
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
        if (cli.isWave(campaignId)) {
            return waveStatus();
        }
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

    /** A wave: its phase and a line per member, each member asked for its own counts. */
    private Integer waveStatus() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        WaveStatus status = cli.wave(campaignId).status();
        out.print(WaveStatusView.render(status, memberStatuses(status)));
        out.flush();
        while (watch && status.phase() != WavePhase.COMPLETED && status.phase() != WavePhase.ABORTED) {
            Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
            status = cli.wave(campaignId).status();
            out.println("----");
            out.print(WaveStatusView.render(status, memberStatuses(status)));
            out.flush();
        }
        return 0;
    }

    private Map<String, CampaignStatus> memberStatuses(WaveStatus wave) {
        Map<String, CampaignStatus> statuses = new LinkedHashMap<>();
        for (MemberReport member : wave.members()) {
            try {
                statuses.put(
                        member.campaignId(), cli.campaign(member.campaignId()).status());
            } catch (RuntimeException notThereYet) {
                // A member not started yet has no status: its line shows what the wave knows.
            }
        }
        return statuses;
    }

    private String render(CampaignStatus status) {
        return StatusView.render(
                status,
                Instant.now(),
                status.finalWatch() == null ? Optional.empty() : cli.lastBucketListing(campaignId));
    }
}
