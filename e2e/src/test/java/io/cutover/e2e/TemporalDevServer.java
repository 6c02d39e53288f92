package io.cutover.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's development server on 127.0.0.1, its state in a SQLite file so that it can
 * be stopped and started again with the campaigns still there, and the same CLI as the operator's
 * tool for everything else (search attributes, signals, describe).
 *
 * <p>With {@value #ADDRESS_PROPERTY} set, a benchmark runs on a Temporal server it did not start
 * instead (e.g. Temporal on PostgreSQL from {@code e2e/bench-server/temporal-postgres}, as
 * docker-compose.yml ships it): the run creates the search attributes there and neither starts
 * nor stops it.
 */
public final class TemporalDevServer implements AutoCloseable {

    public static final String NAMESPACE = "default";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);

    private final Path cli;
    private final Path dir;
    /** System property: a folder for the dev server's SQLite file instead of the run's own. */
    public static final String DB_DIR_PROPERTY = "e2e.temporalDbDir";

    /** System property: the address of a running Temporal server to use instead of a dev server. */
    public static final String ADDRESS_PROPERTY = "e2e.temporalAddress";

    private final Path dbFile;
    /** The server's address when the run did not start it, or null. */
    private final String external;

    private final int port;
    private final int uiPort;
    private ChildProcess server;
    private int incarnation;

    private TemporalDevServer(Path cli, Path dir) {
        this.cli = cli;
        this.dir = dir;
        // A benchmark may keep the database elsewhere (e.g. on tmpfs) to measure without its syncs.
        String dbDir = System.getProperty(DB_DIR_PROPERTY, "");
        this.dbFile = (dbDir.isBlank() ? dir : Path.of(dbDir).resolve(dir.getFileName())).resolve("temporal.db");
        String address = System.getProperty(ADDRESS_PROPERTY, "");
        this.external = address.isBlank() ? null : address;
        this.port = external == null ? Waits.freePort() : -1;
        this.uiPort = external == null ? Waits.freePort() : -1;
    }

    /**
     * Starts a fresh server (a new database) and creates the campaign's search attributes; or, with
     * {@value #ADDRESS_PROPERTY} set, only creates them on that server.
     */
    public static TemporalDevServer start(Path dir) {
        TemporalDevServer server = new TemporalDevServer(Tools.installed().temporalCli(), dir);
        if (server.external != null) {
            log.info("on the Temporal server at {}, which this run did not start", server.external);
            server.createSearchAttributes();
            return server;
        }
        try {
            Files.createDirectories(server.dbFile.getParent());
            Files.deleteIfExists(server.dbFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.startProcess();
        server.createSearchAttributes();
        return server;
    }

    public String address() {
        return external != null ? external : "127.0.0.1:" + port;
    }

    public String uiUrl() {
        requireOwn("its UI");
        return "http://127.0.0.1:" + uiPort;
    }

    /** Stops the server (SIGTERM, as a host shutdown would) keeping its database file. */
    public void stop() {
        requireOwn("stopping it");
        server.stop();
    }

    /** Starts the server again on the same ports and the same database file. */
    public void startAgain() {
        requireOwn("starting it again");
        startProcess();
    }

    private void requireOwn(String what) {
        if (external != null) {
            throw new IllegalStateException(what + " needs the run's own dev server, not the one at " + external + " ("
                    + ADDRESS_PROPERTY + ")");
        }
    }

    /**
     * Runs {@code temporal <args> --address ... --namespace default} and returns its output; fails
     * on a non-zero exit with the output in the message.
     */
    public String cli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(cli.toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--address", address(), "--namespace", NAMESPACE));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Path output = null;
        try {
            // The output goes to a file, so that the time limit below holds even when the command hangs
            // (a read of its pipe to the end would block past any limit).
            output = Files.createTempFile("temporal-cli", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("temporal " + String.join(" ", args) + ": timed out");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "temporal " + String.join(" ", args) + " exited " + process.exitValue() + ":\n" + text);
            }
            log.info("temporal {}: {}", String.join(" ", args), text.strip());
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private void startProcess() {
        if (server != null) {
            server.close();
        }
        incarnation++;
        server = ChildProcess.start(
                "temporal dev server",
                List.of(
                        cli.toString(),
                        "server",
                        "start-dev",
                        "--ip",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--ui-port",
                        Integer.toString(uiPort),
                        "--ui-disable-news-fetch",
                        "--db-filename",
                        dbFile.toString(),
                        "--log-level",
                        "warn"),
                Map.of(),
                dir.resolve("temporal-server-" + incarnation + ".log"));
        server.awaitPort(port, START_TIMEOUT);
        // The port opens before the namespace is served: wait until the CLI can describe it.
        server.awaitReady("namespace " + NAMESPACE + " served", START_TIMEOUT, () -> {
            try {
                cli("operator", "namespace", "describe");
                return true;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        server.awaitPort(uiPort, START_TIMEOUT);
    }

    private void createSearchAttributes() {
        cli(
                "operator",
                "search-attribute",
                "create",
                "--name",
                "CampaignPhase",
                "--type",
                "Keyword",
                "--name",
                "TargetInstanceId",
                "--type",
                "Keyword",
                "--name",
                "AppliedBackups",
                "--type",
                "Int",
                "--name",
                "WaveId",
                "--type",
                "Keyword");
    }
}
