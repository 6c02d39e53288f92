package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.worker.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WorkerMainTest {

  private static final String SECRET = "tok-9f8e7d6c5b4a-never-print-me";

  @TempDir Path dir;

  @Test
  void configFileComesFromTheArgumentThenCutoverConfig() {
    assertEquals(Path.of("a.yaml"), WorkerMain.configFile(new String[] {"a.yaml"}, Map.of("CUTOVER_CONFIG", "b.yaml")));
    assertEquals(Path.of("b.yaml"), WorkerMain.configFile(new String[0], Map.of("CUTOVER_CONFIG", "b.yaml")));
    assertNull(WorkerMain.configFile(new String[0], Map.of()));
    assertThrows(ConfigException.class, () -> WorkerMain.configFile(new String[] {"a", "b"}, Map.of()));
  }

  /** Runs WorkerMain in its own JVM, as the jar would, and returns its exit code and output. */
  private Map.Entry<Integer, String> runWorker(Map<String, String> environment) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("CUTOVER_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return Map.entry(process.exitValue(), output);
  }

  @Test
  @Timeout(90)
  void badConfigurationExitsWithTwoNamingTheKey() throws Exception {
    Map.Entry<Integer, String> result = runWorker(Map.of("CUTOVER_TEMPORAL_ADDRESS", "no-port-here"));

    assertEquals(2, result.getKey(), result.getValue());
    assertTrue(result.getValue().contains("bad configuration: temporal.address: 'no-port-here' is not valid"), result.getValue());
  }

  @Test
  @Timeout(90)
  void unreachableTemporalExitsWithOneAndNeverPrintsTheSecret() throws Exception {
    Map.Entry<Integer, String> result =
        runWorker(
            Map.of(
                "CUTOVER_TEMPORAL_ADDRESS", "127.0.0.1:1",
                "CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:2",
                "CUTOVER_DRS_PROJECT_ID", "p",
                "CUTOVER_DRS_REGION", "r",
                "CUTOVER_DRS_AUTH_TOKEN_ENV", "WORKER_TEST_TOKEN",
                "WORKER_TEST_TOKEN", SECRET,
                "CUTOVER_STORE_TYPE", "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT", dir.toString(),
                "CUTOVER_OPS_PORT", "0"));

    assertEquals(1, result.getKey(), result.getValue());
    assertTrue(result.getValue().contains("token=env:WORKER_TEST_TOKEN"), result.getValue());
    assertTrue(result.getValue().contains("the worker cannot start"), result.getValue());
    assertFalse(result.getValue().contains(SECRET), "the token was printed:\n" + result.getValue());
  }
}
