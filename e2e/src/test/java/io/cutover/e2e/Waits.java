package io.cutover.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waits and free ports: every wait in the suite ends, with a message saying on what. */
public final class Waits {

    private Waits() {}

    /** Polls {@code condition} every 250 ms until it is true, or fails after {@code timeout}. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, Duration.ofMillis(250), condition);
    }

    /** Polls {@code condition} every {@code interval} until it is true, or fails after {@code timeout}. */
    public static void until(String what, Duration timeout, Duration interval, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            pause(interval);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, lastError);
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A port of 127.0.0.1 nothing listens on right now, for a child process that is told its port.
     * Another process could take it before the child binds it; the kernel picks such ports at
     * random from a wide range, so that is rare, and a child that cannot bind fails its start with
     * "address already in use" in its log rather than hanging a test.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
