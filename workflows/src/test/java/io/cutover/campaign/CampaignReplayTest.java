package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.wave.WaveWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded campaign histories (see {@link HistoryRecorderTest}) against today's
 * workflow code: a change that would break a running campaign (an added, removed or reordered
 * activity, timer or marker) fails the build here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CampaignReplayTest {

    static Stream<File> histories() throws IOException, URISyntaxException {
        URL directory = CampaignReplayTest.class.getClassLoader().getResource("histories");
        if (directory == null) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(Path::toFile).toList().stream();
        }
    }

    @Test
    void everyScenarioHasRecordedHistories() throws IOException, URISyntaxException {
        List<String> names = histories().map(File::getName).toList();
        for (String scenario : List.of(
                "replay-full-and-incremental-run2",
                "replay-unnamed-cutover",
                "replay-one-time-full",
                "replay-rds-full",
                "replay-job-identity-run2",
                "replay-quick-waits",
                "replay-lsn-chain",
                "replay-wave-run1",
                "replay-wave-member-",
                "replay-wave-finals-run1",
                "replay-wave-finals-member-",
                "replay-wave-local-watch-run1",
                "replay-wave-local-watch-member-",
                "replay-wave-asks-run1",
                "replay-wave-asks-member-",
                "replay-wave-collects-run1",
                "replay-wave-collects-member-",
                "replay-wave-prepares-run1",
                "replay-wave-prepares-member-",
                "replay-wave-turns-run2",
                "replay-wave-turns-member-")) {
            assertTrue(
                    names.stream().anyMatch(n -> n.startsWith(scenario)),
                    () -> "no recorded history for " + scenario + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void replaysWithoutNonDeterminism(File history) throws Exception {
        // A wave's own history replays with the wave; its members' with the campaign.
        if (history.getName().startsWith("replay-wave-") && !history.getName().contains("-member-")) {
            WorkflowReplayer.replayWorkflowExecution(history, WaveWorkflowImpl.class);
        } else {
            WorkflowReplayer.replayWorkflowExecution(history, CampaignWorkflowImpl.class);
        }
    }
}
