package io.cutover.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shaded jar starts on its own with {@code java -jar drs-simulator.jar --port N}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorJarIT {

    private static final String LISTENING = "DRS simulator listening on ";

    @Test
    void theJarServesTheApiAndStopsOnATerminationSignal() throws Exception {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/drs-simulator.jar"));
        assertTrue(Files.isRegularFile(jar), "built jar " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(), "-jar", jar.toString(), "--port", "0", "--token", "jar-token")
                .redirectErrorStream(true)
                .start();
        try {
            URI base = URI.create(awaitListening(process).get(30, TimeUnit.SECONDS));
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest list = HttpRequest.newBuilder(base.resolve("/v5/p/backup-migration-jobs"))
                    .header("X-Auth-Token", "jar-token")
                    .timeout(Duration.ofSeconds(10))
                    .build();

            HttpResponse<String> response = client.send(list, HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"count\":0"), response.body());
            assertTrue(base.getHost().equals("127.0.0.1"), "binds the loopback by default: " + base);
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
        }
    }

    /** Reads the process's output until it says where it listens; answers that address. */
    private static CompletableFuture<String> awaitListening(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            // Not closed here: the drain keeps reading it for as long as the process runs.
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LISTENING)) {
                        drainInBackground(out);
                        return line.substring(LISTENING.length()).trim();
                    }
                }
                throw new IllegalStateException("the jar exited without listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Keeps reading so the process never blocks on a full pipe. */
    private static void drainInBackground(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
