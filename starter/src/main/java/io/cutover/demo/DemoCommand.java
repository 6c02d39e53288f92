package io.cutover.demo;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover demo}: a whole campaign on this machine, with nothing installed beyond Java. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a whole campaign on embedded defaults: a local Temporal service, the worker, the DRS",
            "simulator and a local bucket. A generator writes a full backup and then log backups; after",
            "a few are applied the demo requests the cutover, writes the tail-log backup, and prints",
            "the live table and the final report. Exit code 0 when the campaign completed correctly."
        })
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--log-backups",
            defaultValue = "3",
            description = "log backups applied before the cutover is requested (default ${DEFAULT-VALUE})")
    int logBackups;

    @Option(
            names = "--backup-every",
            defaultValue = "2",
            description = "seconds between two log backups of the generator (default ${DEFAULT-VALUE})")
    long backupEverySeconds;

    @Option(
            names = "--restore-seconds",
            defaultValue = "1",
            description = "how long the simulated DRS takes to restore one backup (default ${DEFAULT-VALUE})")
    long restoreSeconds;

    @Option(
            names = "--databases",
            defaultValue = "1",
            description = "more than 1: a wave of this many databases, cut over together (default ${DEFAULT-VALUE})")
    int databases;

    @Option(
            names = "--temporal-port",
            defaultValue = "0",
            description = "port of the embedded Temporal service; 0 picks a free one (default ${DEFAULT-VALUE})")
    int temporalPort;

    @Override
    public Integer call() throws Exception {
        if (logBackups < 1 || backupEverySeconds < 1 || restoreSeconds < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--log-backups and --backup-every must be at least 1, --restore-seconds not negative");
        }
        Demo.Settings settings = new Demo.Settings(
                logBackups, Duration.ofSeconds(backupEverySeconds), Duration.ofSeconds(restoreSeconds), temporalPort);
        if (databases > 1) {
            return new WaveDemo(settings, databases, spec.commandLine().getOut()).run();
        }
        return new Demo(settings, spec.commandLine().getOut()).run();
    }
}
