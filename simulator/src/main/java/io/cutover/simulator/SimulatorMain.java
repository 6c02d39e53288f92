package io.cutover.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of drs-simulator.jar: {@code java -jar drs-simulator.jar --port 18080}. Runs until
 * the process is stopped.
 */
@Command(
        name = "drs-simulator",
        mixinStandardHelpOptions = true,
        description = "A DRS v5 backup migration simulator (with a minimal IAM token endpoint).")
public final class SimulatorMain {

    @Option(names = "--port", description = "Port to listen on (0: any free port). Default: 8080.")
    int port = 8080;

    @Option(names = "--bind", description = "Address to bind. Default: 127.0.0.1.")
    String bind = "127.0.0.1";

    @Option(names = "--token", description = "Accept only this X-Auth-Token (IAM hands it out).")
    String token;

    @Option(
            names = "--restore-time",
            description = "How long a job stays TRANSFERRING, e.g. 0, 500ms, 5s, 2m, PT1M. Default: 0.",
            converter = DurationConverter.class)
    Duration restoreTime = Duration.ZERO;

    @Option(
            names = "--list-lag",
            description = "How long a new job stays out of list answers after its create (DRS's list lagging behind"
                    + " create; not documented for real DRS), e.g. 0, 5s. Default: 0.",
            converter = DurationConverter.class)
    Duration listLag = Duration.ZERO;

    @Option(
            names = "--max-running-jobs-per-instance",
            description = "Jobs TRANSFERRING at once on one target instance (not documented for real DRS); a create"
                    + " beyond it is answered 400 DRS.10000001 and makes no job. Default: 0, no limit.")
    int maxRunningJobsPerInstance;

    @Option(names = "--bucket-root", description = "Folder holding one folder per bucket.")
    Path bucketRoot;

    @Option(
            names = "--s3-endpoint",
            description = "S3-protocol endpoint read anonymously (path style) for files not under --bucket-root.")
    URI s3Endpoint;

    @Option(names = "--seed", description = "Seed of random faults and job ids. Default: 1.")
    long seed = 1;

    @Option(
            names = "--error-rate",
            description = "CALL=RATE (CALL: token, create, list, show, update, delete or *); repeatable.")
    List<String> errorRates = List.of();

    @Option(names = "--error-status", description = "Status of injected errors. Default: 500.")
    int errorStatus = 500;

    @Option(names = "--throttle-rate", description = "CALL=RATE of 429 answers; repeatable.")
    List<String> throttleRates = List.of();

    @Option(
            names = "--timeout-rate",
            description = "CALL=RATE of calls handled, then answered only after --timeout; repeatable.")
    List<String> timeoutRates = List.of();

    @Option(
            names = "--timeout",
            description = "How long a timed-out call's answer is held back, e.g. 5s. Default: 60s.",
            converter = DurationConverter.class)
    Duration timeout = Duration.ofSeconds(60);

    @Option(
            names = "--retry-after",
            description = "Retry-After of injected 429s, e.g. 1s. Default: 1s.",
            converter = DurationConverter.class)
    Duration retryAfter = Duration.ofSeconds(1);

    @Option(
            names = "--latency",
            description = "Latency added to every call, e.g. 200ms. Default: 0.",
            converter = DurationConverter.class)
    Duration latency = Duration.ZERO;

    @Option(
            names = "--drop-after-create-rate",
            description = "Probability that a create's answer is dropped after the job was created.")
    double dropAfterCreateRate;

    @Option(
            names = "--drop-next-creates",
            description = "Drop the answers of the next N creates (after creating their jobs).")
    int dropNextCreates;

    @Option(
            names = "--numeric-recovery-mode",
            description = "Show answers options.recovery_mode as 1 (full) / 2 (incre).")
    boolean numericRecoveryMode;

    @Option(
            names = "--token-lifetime",
            description = "Lifetime of IAM tokens. Default: 24h.",
            converter = DurationConverter.class)
    Duration tokenLifetime = Duration.ofHours(24);

    @Option(names = "--threads", description = "Threads serving requests. Default: 8.")
    int threads = 8;

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "drs-simulator-logback.xml");
        }
        DrsSimulator simulator;
        try {
            simulator = start(args);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (simulator == null) {
            return; // --help or --version was printed
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println("DRS simulator listening on " + simulator.baseUri());
        stopped.await();
    }

    /**
     * Parses {@code args} and starts a simulator; the caller closes it.
     *
     * @return the running simulator, or null when only help or the version was asked for
     * @throws CommandLine.ParameterException or IllegalArgumentException on bad arguments
     */
    public static DrsSimulator start(String... args) {
        SimulatorMain command = new SimulatorMain();
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs(args);
        if (CommandLine.printHelpIfRequested(commandLine.getParseResult())) {
            return null;
        }
        return DrsSimulator.start(command.options());
    }

    SimulatorOptions options() {
        FaultSettings faults = FaultSettings.NONE
                .withErrorStatus(errorStatus)
                .withRetryAfter(retryAfter)
                .withLatency(latency)
                .withDropAfterCreateRate(dropAfterCreateRate)
                .withDropNextCreates(dropNextCreates)
                .withTimeout(timeout);
        for (String entry : errorRates) {
            faults = perCall(entry, "--error-rate", faults, FaultSettings::withErrorRate);
        }
        for (String entry : throttleRates) {
            faults = perCall(entry, "--throttle-rate", faults, FaultSettings::withThrottleRate);
        }
        for (String entry : timeoutRates) {
            faults = perCall(entry, "--timeout-rate", faults, FaultSettings::withTimeoutRate);
        }
        return SimulatorOptions.builder()
                .port(port)
                .bind(bind)
                .token(token)
                .restoreTime(restoreTime)
                .listLag(listLag)
                .maxRunningJobsPerInstance(maxRunningJobsPerInstance)
                .bucketRoot(bucketRoot)
                .s3Endpoint(s3Endpoint)
                .seed(seed)
                .faults(faults)
                .numericRecoveryModeInShow(numericRecoveryMode)
                .tokenLifetime(tokenLifetime)
                .threads(threads)
                .build();
    }

    private interface RateSetter {
        FaultSettings set(FaultSettings settings, DrsCall call, double rate);
    }

    /** Applies "call=rate", "*=rate" or a bare "rate" (every call). */
    private static FaultSettings perCall(String entry, String option, FaultSettings settings, RateSetter setter) {
        int equals = entry.indexOf('=');
        String callName = equals < 0 ? "*" : entry.substring(0, equals);
        String rateText = entry.substring(equals + 1);
        double rate;
        try {
            rate = Double.parseDouble(rateText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + rateText + "\" is not a number");
        }
        FaultSettings result = settings;
        if (callName.equals("*")) {
            for (DrsCall call : DrsCall.values()) {
                result = setter.set(result, call, rate);
            }
            return result;
        }
        try {
            return setter.set(result, DrsCall.fromWireName(callName), rate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** Reads 0, 250ms, 5s, 2m, 1h or an ISO-8601 duration such as PT5S. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "\"" + value + "\" is not a duration (examples: 0, 250ms, 5s, 2m, PT5S)");
            }
        }
    }
}
