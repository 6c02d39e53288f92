package io.cutover.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Temporal UI driven by a person's clicks: e2e/ui/send-signal.mjs runs headless chromium
 * (Debian's) through playwright-core and leaves its screenshots in the run's artifact folder.
 */
final class TemporalUi {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    private TemporalUi() {}

    /** Fails when chromium or the script's node modules are missing, naming the install step. */
    static void checkInstalled() {
        Tools tools = Tools.installed();
        tools.chromium();
        tools.uiScriptDir();
        tools.node();
    }

    /**
     * Sends {@code signal} with {@code payload} to the workflow through the UI's "Send a Signal"
     * dialog; returns once the UI's event history shows it.
     */
    static void sendSignal(String uiUrl, String workflowId, String signal, String payload, Path artifactDir) {
        Tools tools = Tools.installed();
        Path scriptDir = tools.uiScriptDir();
        try (ChildProcess script = ChildProcess.start(
                "ui signal script",
                List.of(
                        tools.node().toString(),
                        scriptDir.resolve("send-signal.mjs").toString(),
                        "--ui",
                        uiUrl,
                        "--namespace",
                        TemporalDevServer.NAMESPACE,
                        "--workflow-id",
                        workflowId,
                        "--signal",
                        signal,
                        "--payload",
                        payload,
                        "--out",
                        artifactDir.toString(),
                        "--chromium",
                        tools.chromium().toString()),
                Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
                artifactDir.resolve("ui-signal.log"))) {
            int exit = script.awaitExit(SCRIPT_TIMEOUT);
            if (exit != 0) {
                throw new AssertionError(
                        "the UI script exited " + exit + " (screenshots in " + artifactDir + "):\n" + script.logTail());
            }
        }
    }
}
