package io.cutover.cli;

import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WaveCutoverRequest;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Requests the cutover through the validated update {@code requestCutover}: the campaign refuses a
 * premature or repeated cutover and answers with the plan it accepted.
 */
@Command(
        name = "cutover",
        mixinStandardHelpOptions = true,
        description = {
            "Cut a campaign over: apply what is pending up to the final backup, then the final backup",
            "with is_last_backup=true, which brings the database online. This cannot be undone, so the",
            "plan is shown and must be confirmed by typing the campaign id (unless --yes)."
        })
final class CutoverCommand implements Callable<Integer> {

    @ParentCommand
    CutoverCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the campaign's or the wave's (workflow) id")
    String campaignId;

    @Option(
            names = "--final",
            paramLabel = "FILE",
            description = "the tail-log backup's name or key; without it, the next log backup to arrive is final")
    String finalBackup;

    @Option(
            names = "--member-final",
            paramLabel = "DATABASE=FILE",
            description = "a wave: a member's final backup, by its database (repeat per member); a member"
                    + " not named takes the next log backup taken after the request")
    Map<String, String> memberFinals = new LinkedHashMap<>();

    @Option(names = "--yes", description = "do not ask for confirmation (for scripts)")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        if (cli.isWave(campaignId)) {
            return cutOverWave();
        }
        PrintWriter out = spec.commandLine().getOut();
        CampaignWorkflow campaign = cli.campaign(campaignId);
        CampaignStatus status = campaign.status();
        out.println("campaign " + campaignId + " is " + status.phase() + " with " + status.appliedCount()
                + " backups applied");
        out.println("cutover plan:");
        out.println("  still to apply   " + preview(status.pending()));
        out.println("  final backup     "
                + (finalBackup == null ? "the next log backup to arrive in the bucket" : finalBackup)
                + " (restored with is_last_backup=true: the database comes online, no backup can be applied after it)");
        if (!yes && !confirmed(out)) {
            throw new CliFailure(CliFailure.FAILED, "cutover not confirmed; nothing was sent");
        }
        CutoverPlan plan = campaign.requestCutover(new CutoverRequest(finalBackup));
        out.println("cutover accepted by campaign " + campaignId + ":");
        out.println("  to apply first   " + preview(plan.remaining()));
        out.println("  final backup     "
                + (plan.finalBackup() == null ? "the next log backup to arrive" : plan.finalBackup())
                + (plan.waitingForFinal() ? " (not in the bucket yet: upload the tail-log backup now)" : ""));
        out.println("follow it with: cutover status " + campaignId + " --watch");
        return 0;
    }

    /**
     * A wave: every member's plan, the wave id typed, then the wave's requestCutover update, which
     * the wave refuses naming each member that cannot take it.
     */
    private Integer cutOverWave() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        WaveWorkflow wave = cli.wave(campaignId);
        WaveStatus status = wave.status();
        out.println("wave " + campaignId + " is " + status.phase() + " with "
                + status.members().size() + " members");
        out.println("cutover plan, in two phases: every member restores up to its final and holds it staged;"
                + " only once every member holds its own do the finals go out (is_last_backup=true)");
        for (MemberReport member : status.members()) {
            String database = member.campaignId().substring(campaignId.length() + 1);
            String named = memberFinals.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(database))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            out.println("  " + member.campaignId() + " (" + member.phase() + "): final "
                    + (named == null ? "the next log backup taken after the request" : named));
        }
        if (!yes && !confirmed(out, "wave")) {
            throw new CliFailure(CliFailure.FAILED, "cutover not confirmed; nothing was sent");
        }
        wave.requestCutover(new WaveCutoverRequest(memberFinals));
        out.println("cutover accepted by wave " + campaignId + "; follow it with: cutover status " + campaignId
                + " --watch");
        return 0;
    }

    private boolean confirmed(PrintWriter out) throws IOException {
        return confirmed(out, "campaign");
    }

    private boolean confirmed(PrintWriter out, String what) throws IOException {
        out.print("type the " + what + " id to cut over now: ");
        out.flush();
        String answer = cli.in().readLine();
        return campaignId.equals(answer == null ? null : answer.strip());
    }

    private String preview(List<String> pending) {
        if (finalBackup != null && pending.contains(finalBackup)) {
            pending = pending.subList(0, pending.indexOf(finalBackup));
        }
        return pending.isEmpty() ? "nothing" : pending.size() + " backup(s): " + String.join(", ", pending);
    }
}
