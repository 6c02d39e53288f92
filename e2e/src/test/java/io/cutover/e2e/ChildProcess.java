package io.cutover.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program the suite runs as its own process, with its output in a log file. Closing it kills
 * the process and its descendants, so that a failed test leaves nothing running.
 */
final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;
    /** Kills the process if the test JVM exits without closing it (a fork killed on timeout). */
    private final Thread reaper;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.reaper = new Thread(this::destroyTree, "reaper-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code command}; stdout and stderr go to {@code logFile} (appended). */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Process process = builder.start();
            log.info("started {} (pid {}), log {}", name, process.pid(), logFile);
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    void awaitPort(int port, Duration timeout) {
        awaitReady("port " + port + " accepting connections", timeout, () -> accepts(port));
    }

    /**
     * Waits until {@code ready} holds, failing at once with the log's tail if the process dies
     * first, and after {@code timeout} otherwise.
     */
    void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before " + what + ":\n" + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": no " + what + " within " + timeout + ":\n" + logTail());
            }
            Waits.pause(Duration.ofMillis(200));
        }
    }

    /**
     * Waits for the process to exit by itself and returns its exit status; kills it and fails
     * after {@code timeout}.
     */
    int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            kill();
            throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
    void kill() {
        destroyTree();
        waitFor(STOP_GRACE);
        log.info("killed {} (pid {})", name, process.pid());
    }

    /** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
    void stop() {
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            log.warn("{} ignored SIGTERM for {}; killing it", name, STOP_GRACE);
            kill();
        }
    }

    /** The last lines of the log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to undo.
        }
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
