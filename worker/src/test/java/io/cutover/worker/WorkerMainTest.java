package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.worker.config.ConfigException;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WorkerMainTest {

    private static final String SECRET = "tok-9f8e7d6c5b4a-never-print-me";

    @TempDir
    Path dir;

    @Test
    void configFileComesFromTheArgumentThenCutoverConfig() {
        assertEquals(
                Path.of("a.yaml"), WorkerMain.configFile(new String[] {"a.yaml"}, Map.of("CUTOVER_CONFIG", "b.yaml")));
        assertEquals(Path.of("b.yaml"), WorkerMain.configFile(new String[0], Map.of("CUTOVER_CONFIG", "b.yaml")));
        assertNull(WorkerMain.configFile(new String[0], Map.of()));
        assertThrows(ConfigException.class, () -> WorkerMain.configFile(new String[] {"a", "b"}, Map.of()));
    }

    /** Starts WorkerMain in its own JVM, as the jar would, its output going to a file. */
    private Process startWorker(Map<String, String> environment) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CUTOVER_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private Map.Entry<Integer, String> runWorker(Map<String, String> environment)
            throws IOException, InterruptedException {
        Process process = startWorker(environment);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(dir.resolve("worker.log"));
        return Map.entry(process.exitValue(), output);
    }

    @Test
    @Timeout(90)
    void badConfigurationExitsWithTwoNamingTheKey() throws Exception {
        Map.Entry<Integer, String> result = runWorker(Map.of("CUTOVER_TEMPORAL_ADDRESS", "no-port-here"));

        assertEquals(2, result.getKey(), result.getValue());
        assertTrue(result.getValue().contains("bad configuration: 3 problems"), result.getValue());
        assertTrue(result.getValue().contains("temporal.address: 'no-port-here' is not valid"), result.getValue());
        assertTrue(result.getValue().contains("drs.endpoint: required"), result.getValue());
    }

    private Map<String, String> workerEnvironment(String temporalAddress, int opsPort) {
        return Map.of(
                "CUTOVER_TEMPORAL_ADDRESS", temporalAddress,
                "CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:2",
                "CUTOVER_DRS_PROJECT_ID", "p",
                "CUTOVER_DRS_REGION", "r",
                "CUTOVER_DRS_AUTH_TOKEN_ENV", "WORKER_TEST_TOKEN",
                "WORKER_TEST_TOKEN", SECRET,
                "CUTOVER_STORE_TYPE", "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT", dir.toString(),
                "CUTOVER_OPS_PORT", String.valueOf(opsPort),
                "CUTOVER_OPS_BIND_ADDRESS", "127.0.0.1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Timeout(120)
    void servesHealthWhileRunningAndStopsGracefullyOnSigterm() throws Exception {
        int temporalPort = freePort();
        int opsPort = freePort();
        // Temporal's Java test server on a port, time skipping locked: a real gRPC endpoint.
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort, true);
        try {
            Process worker = startWorker(workerEnvironment("127.0.0.1:" + temporalPort, opsPort));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/healthz"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            // A JVM starting on a busy machine: ask every 250 ms, for up to 90 s, until it is healthy.
            int status = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (status != 200 && worker.isAlive() && System.nanoTime() - deadline < 0) {
                try {
                    status = http.send(health, HttpResponse.BodyHandlers.ofString())
                            .statusCode();
                } catch (IOException notYetListening) {
                    status = 0;
                }
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, Files.readString(dir.resolve("worker.log")));

            worker.destroy(); // SIGTERM, as docker stop or systemd would send

            assertTrue(worker.waitFor(45, TimeUnit.SECONDS), "the worker did not stop on SIGTERM");
            String log = Files.readString(dir.resolve("worker.log"));
            assertTrue(log.contains("worker shutting down"), log);
            assertTrue(log.contains("worker stopped"), log);
            assertFalse(log.contains(SECRET), log);
        } finally {
            temporal.close();
        }
    }

    @Test
    @Timeout(90)
    void unreachableTemporalExitsWithOneAndNeverPrintsTheSecret() throws Exception {
        Map.Entry<Integer, String> result = runWorker(workerEnvironment("127.0.0.1:1", 0));

        assertEquals(1, result.getKey(), result.getValue());
        assertTrue(result.getValue().contains("token=env:WORKER_TEST_TOKEN"), result.getValue());
        assertTrue(result.getValue().contains("the worker cannot start"), result.getValue());
        assertFalse(result.getValue().contains(SECRET), "the token was printed:\n" + result.getValue());
    }

    @Test
    @Timeout(90)
    void aShortPayloadKeyExitsWithTwoNamingTheKeyButNotItsValue() throws Exception {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
        Map<String, String> environment = new HashMap<>(workerEnvironment("127.0.0.1:1", 0));
        environment.putAll(Map.of(
                "CUTOVER_CODEC_ENABLED",
                "true",
                "CUTOVER_CODEC_KEYS_ENV",
                "WORKER_TEST_KEYS",
                "WORKER_TEST_KEYS",
                "k1:" + shortKey));

        Map.Entry<Integer, String> result = runWorker(environment);

        assertEquals(2, result.getKey(), result.getValue());
        assertTrue(
                result.getValue()
                        .contains("bad configuration: codec.keysEnv (env:WORKER_TEST_KEYS): key 'k1' is 16 bytes"),
                result.getValue());
        assertFalse(result.getValue().contains(shortKey), "the key was printed:\n" + result.getValue());
    }
}
