package io.cutover.cli;

import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.SkipRequest;
import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.codec.KeyRing;
import io.cutover.demo.DemoCommand;
import io.cutover.wave.WaveWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Entry point of cutover.jar, the operator's command line: start a campaign, watch it, cut over,
 * and the decisions a blocked campaign waits for. Exit codes: 0 done, 1 the operation failed, 2
 * bad command line, 3 no such campaign, 4 rejected by a validator.
 */
@Command(
        name = "cutover",
        mixinStandardHelpOptions = true,
        version = "cutover 0.1.0",
        description = "Runs SQL Server cutover campaigns into Huawei Cloud RDS (DRS backup migration) on Temporal.",
        subcommands = {
            InitCommand.class,
            StartCommand.class,
            StatusCommand.class,
            ListCommand.class,
            CutoverCommand.class,
            ReportCommand.class,
            InspectCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the operation failed (Temporal unreachable, campaign already running, ...)",
            "2:bad command line",
            "3:no such campaign",
            "4:rejected by the spec validator or the campaign's cutover validator"
        })
public final class CutoverCli {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    /** The activity type of the campaign's bucket watch (BackupActivities.awaitNewBackups). */
    private static final String BUCKET_WATCH = "AwaitNewBackups";

    private final Function<Connection, WorkflowClient> clients;
    private final BufferedReader in;
    private WorkflowClient client;

    CutoverCli(Function<Connection, WorkflowClient> clients, BufferedReader in) {
        this.clients = clients;
        this.in = in;
    }

    public static void main(String[] args) {
        // The worker's logback.xml is on this class path too; the command line has its own, quieter.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "cutover-cli-logback.xml");
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CommandLine commandLine = commandLine(Connection.TEMPORAL, stdin);
        int exitCode = commandLine.execute(args);
        // Tables are printed with print(), which an autoflushing writer does not flush by itself.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exitCode);
    }

    /**
     * The command line with its exit-code mapping; tests run it in-process, the end-to-end ones
     * against the real dev server through their own client.
     */
    public static CommandLine commandLine(Function<Connection, WorkflowClient> clients, BufferedReader in) {
        CommandLine commandLine = new CommandLine(new CutoverCli(clients, in));
        commandLine.setExecutionExceptionHandler((error, command, parseResult) -> {
            CliFailure failure = explain(error, root(command).connection);
            command.getErr().println("cutover: " + failure.getMessage());
            return failure.exitCode();
        });
        return commandLine;
    }

    private static CutoverCli root(CommandLine command) {
        CommandLine top = command;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return (CutoverCli) top.getCommand();
    }

    /** Turns what went wrong into an exit code and a sentence that says what to do. */
    static CliFailure explain(Exception error, Connection connection) {
        if (error instanceof CliFailure failure) {
            return failure;
        }
        if (error instanceof WorkflowNotFoundException) {
            return new CliFailure(
                    CliFailure.NOT_FOUND,
                    "no running campaign with that id in namespace " + connection.namespace()
                            + " (a finished campaign takes no more commands); 'cutover list' shows the campaigns");
        }
        if (error instanceof WorkflowExecutionAlreadyStarted started) {
            return new CliFailure(
                    CliFailure.FAILED,
                    "campaign " + started.getExecution().getWorkflowId() + " is already running; follow it"
                            + " with 'cutover status " + started.getExecution().getWorkflowId() + "' or end it"
                            + " with 'cutover abort'");
        }
        if (error instanceof WorkflowUpdateException update) {
            Throwable cause = update.getCause();
            String reason =
                    cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : String.valueOf(cause);
            return new CliFailure(CliFailure.REJECTED, "the campaign rejected the request: " + reason);
        }
        if (error instanceof WorkflowFailedException failed) {
            Throwable cause = failed.getCause();
            while (cause != null && !(cause instanceof ApplicationFailure) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason =
                    cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : String.valueOf(cause);
            return new CliFailure(CliFailure.FAILED, "the campaign failed: " + reason);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadCodecException codec) {
                return new CliFailure(
                        CliFailure.FAILED, "cannot decrypt the campaign's payloads: " + codec.getMessage());
            }
            if (cause instanceof DataConverterException
                    && String.valueOf(cause.getMessage()).contains(AesGcmPayloadCodec.ENCODING)) {
                return new CliFailure(
                        CliFailure.FAILED,
                        "the campaign's payloads are encrypted and no key is set: set "
                                + KeyRing.KEYS_VARIABLE
                                + " (id:base64key,...) or "
                                + KeyRing.KEYS_FILE_VARIABLE
                                + " to the worker's key ring");
            }
            if (cause instanceof StatusRuntimeException grpc) {
                Status.Code code = grpc.getStatus().getCode();
                if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                    return new CliFailure(
                            CliFailure.FAILED,
                            "cannot reach Temporal at " + connection.address() + " (" + code
                                    + "); start it, or point --address (or CUTOVER_TEMPORAL_ADDRESS) at it");
                }
                if (code == Status.Code.UNIMPLEMENTED) {
                    return new CliFailure(
                            CliFailure.FAILED,
                            "the Temporal server at " + connection.address() + " does not implement this ("
                                    + grpc.getStatus().getDescription() + "); Temporal's Java test server (the demo's)"
                                    + " cannot list workflows: use a real server or the Temporal UI");
                }
            }
        }
        return new CliFailure(CliFailure.FAILED, String.valueOf(error.getMessage()));
    }

    WorkflowClient client() {
        if (client == null) {
            client = clients.apply(connection);
        }
        return client;
    }

    CampaignWorkflow campaign(String campaignId) {
        return client().newWorkflowStub(CampaignWorkflow.class, campaignId);
    }

    WaveWorkflow wave(String waveId) {
        return client().newWorkflowStub(WaveWorkflow.class, waveId);
    }

    /** Whether the id is a wave's (its workflow type), rather than a campaign's. */
    boolean isWave(String workflowId) {
        try {
            return client().getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client().getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .build())
                    .getWorkflowExecutionInfo()
                    .getType()
                    .getName()
                    .equals(WaveWorkflow.TYPE);
        } catch (RuntimeException e) {
            // Not found, or not described: the campaign path says what is wrong in its own words.
            return false;
        }
    }

    /**
     * When the campaign's bucket watch last listed the bucket: the start of the watch activity's
     * latest attempt, as the server describes the workflow. Empty when the server does not say (no
     * watch pending, or the description failed: the table goes on without it).
     */
    Optional<Instant> lastBucketListing(String campaignId) {
        try {
            DescribeWorkflowExecutionResponse description = client().getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client().getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(campaignId))
                            .build());
            return description.getPendingActivitiesList().stream()
                    .filter(activity -> activity.getActivityType().getName().equals(BUCKET_WATCH))
                    .filter(PendingActivityInfo::hasLastStartedTime)
                    .map(activity -> Instant.ofEpochSecond(
                            activity.getLastStartedTime().getSeconds(),
                            activity.getLastStartedTime().getNanos()))
                    .findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    BufferedReader in() {
        return in;
    }

    /** Pause, resume and abort of a wave go to every member still running. */
    private int waveSignal(CommandSpec spec, String waveId, String what, Consumer<WaveWorkflow> send) {
        send.accept(wave(waveId));
        spec.commandLine()
                .getOut()
                .println(what + " sent to wave " + waveId + " and from it to every member; 'cutover status " + waveId
                        + "' shows its effect");
        return 0;
    }

    private int signal(CommandSpec spec, String campaignId, String what, Consumer<CampaignWorkflow> send) {
        send.accept(campaign(campaignId));
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                what + " sent to campaign " + campaignId + "; 'cutover status " + campaignId + "' shows its effect");
        return 0;
    }

    @Command(
            name = "pause",
            mixinStandardHelpOptions = true,
            description =
                    "Stop submitting new DRS jobs after the one in flight (signal 'pause'); for a wave, in every member.")
    int pause(@Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id") String campaignId) {
        if (isWave(campaignId)) {
            return waveSignal(spec, campaignId, "pause", WaveWorkflow::pause);
        }
        return signal(spec, campaignId, "pause", CampaignWorkflow::pause);
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resume submitting after a pause (signal 'resume').")
    int resume(@Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id") String campaignId) {
        if (isWave(campaignId)) {
            return waveSignal(spec, campaignId, "resume", WaveWorkflow::resume);
        }
        return signal(spec, campaignId, "resume", CampaignWorkflow::resume);
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "After a failed job: submit the same backup again under a new attempt name (signal 'retry').")
    int retry(@Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id") String campaignId) {
        return signal(spec, campaignId, "retry", CampaignWorkflow::retry);
    }

    @Command(
            name = "skip",
            mixinStandardHelpOptions = true,
            description =
                    "After a failed job: leave that backup out, recorded with the reason, and go on (signal 'skip').")
    int skip(
            @Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id") String campaignId,
            @Option(names = "--file", required = true, description = "the blocked backup's key or name") String file,
            @Option(names = "--reason", required = true, description = "why it is safe to skip, for the report")
                    String reason) {
        return signal(spec, campaignId, "skip of " + file, c -> c.skip(new SkipRequest(file, reason)));
    }

    @Command(
            name = "abort",
            mixinStandardHelpOptions = true,
            description = "End the campaign without cutting over (signal 'abort'); for a wave, every member.")
    int abort(
            @Parameters(paramLabel = "CAMPAIGN_ID", description = "the campaign (workflow) id") String campaignId,
            @Option(names = "--reason", required = true, description = "why, for the report") String reason) {
        if (isWave(campaignId)) {
            return waveSignal(spec, campaignId, "abort", w -> w.abort(new AbortRequest(reason)));
        }
        return signal(spec, campaignId, "abort", c -> c.abort(new AbortRequest(reason)));
    }
}
