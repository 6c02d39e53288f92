package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.seedExampleTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The jar's command line, run in-process. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorMainTest {

    @TempDir
    Path bucketRoot;

    @Test
    void startsOnTheGivenPortWithTheGivenSettings() throws IOException {
        int port = freePort();
        try (DrsSimulator simulator = SimulatorMain.start(
                "--port",
                String.valueOf(port),
                "--token",
                "only-this",
                "--restore-time",
                "250ms",
                "--bucket-root",
                bucketRoot.toString(),
                "--seed",
                "9",
                "--error-rate",
                "delete=1",
                "--throttle-rate",
                "update=0.5",
                "--retry-after",
                "4s",
                "--latency",
                "5ms",
                "--drop-next-creates",
                "1",
                "--timeout-rate",
                "create=0.25",
                "--timeout",
                "3s",
                "--numeric-recovery-mode")) {
            SimulatorOptions options = simulator.options();
            assertEquals(port, simulator.port());
            assertEquals("127.0.0.1", options.bind());
            assertEquals("only-this", options.token());
            assertEquals(Duration.ofMillis(250), options.restoreTime());
            assertEquals(bucketRoot, options.bucketRoot());
            assertEquals(9, options.seed());
            assertEquals(1.0, options.faults().errorRate(DrsCall.DELETE));
            assertEquals(0.5, options.faults().throttleRate(DrsCall.UPDATE));
            assertEquals(Duration.ofSeconds(4), options.faults().retryAfter());
            assertEquals(Duration.ofMillis(5), options.faults().latency());
            assertEquals(1, options.faults().dropNextCreates());
            assertEquals(0.25, options.faults().timeoutRate(DrsCall.CREATE));
            assertEquals(0.0, options.faults().timeoutRate(DrsCall.LIST));
            assertEquals(Duration.ofSeconds(3), options.faults().timeout());
            assertTrue(options.numericRecoveryModeInShow());

            SimulatorHttp http = new SimulatorHttp(simulator);
            assertEquals(401, http.list("").statusCode(), "the test token is not the configured one");
            assertEquals(
                    200,
                    http.send("GET", SimulatorHttp.jobsPath(), null, "only-this")
                            .statusCode());
        }
    }

    @Test
    void anErrorRateWithoutACallAppliesToEveryCall() {
        try (DrsSimulator simulator = SimulatorMain.start("--port", "0", "--error-rate", "1")) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            assertEquals(500, http.list("").statusCode());
            assertEquals(500, http.create(seedExampleTree("obs-full-once")).statusCode());
        }
    }

    @Test
    void bindsTheAddressGiven() {
        // 127.0.0.2 is another loopback address on Linux: the test stays off the network.
        try (DrsSimulator simulator = SimulatorMain.start("--port", "0", "--bind", "127.0.0.2")) {
            assertEquals("127.0.0.2", simulator.baseUri().getHost());
            assertEquals(
                    401,
                    new SimulatorHttp(simulator)
                            .send("GET", "/v5/p/backup-migration-jobs", null, null)
                            .statusCode());
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(CommandLine.ParameterException.class, () -> SimulatorMain.start("--port", "x"));
        assertThrows(CommandLine.ParameterException.class, () -> SimulatorMain.start("--restore-time", "soon"));
        assertThrows(CommandLine.ParameterException.class, () -> SimulatorMain.start("--frobnicate"));
        assertThrows(
                IllegalArgumentException.class, () -> SimulatorMain.start("--port", "0", "--error-rate", "explode=1"));
        assertThrows(
                IllegalArgumentException.class, () -> SimulatorMain.start("--port", "0", "--error-rate", "list=2"));
    }

    @Test
    void helpStartsNothing() {
        assertNull(SimulatorMain.start("--help"));
    }

    @Test
    void durationsReadShortAndIsoForms() {
        SimulatorMain.DurationConverter converter = new SimulatorMain.DurationConverter();

        assertEquals(Duration.ZERO, converter.convert("0"));
        assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
        assertEquals(Duration.ofSeconds(5), converter.convert("5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofSeconds(90), converter.convert("PT1M30S"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
