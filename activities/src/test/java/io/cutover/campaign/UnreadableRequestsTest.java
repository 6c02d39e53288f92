package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operators' requests typed by hand (Temporal UI, Temporal CLI) that do not fit (issue 15): an
 * update is refused in plain words, naming the field and the one meant; a signal, which cannot
 * answer, is named in the status and acted on not at all. Through the product's own converter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnreadableRequestsTest {

    @Test
    void aMisspelledRequestIsRefusedOrNamedInPlainWordsAndNothingIsDone() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-typos");
            String orders = WaveSpecs.campaignId("erp-typos", "Orders");

            // A campaign's abort signal with a misspelled field: named, and the campaign goes on.
            it.client.newUntypedWorkflowStub(orders).signal("abort", Map.of("reson", "done"));
            CampaignStatus named = it.awaitStatus(orders, s -> !s.alarms().isEmpty(), WaveChains.STEP, 10);
            assertTrue(
                    named.alarms()
                            .toString()
                            .contains("signal abort ignored: its payload could not be read (reson: is not a field"
                                    + " here; did you mean reason?); send {\"reason\": \"why\"}"),
                    named.alarms().toString());
            assertEquals(Phase.CATCHING_UP, named.phase(), "a malformed abort aborts nothing");

            // A campaign's cutover update with a misspelled field: refused, in plain words.
            WorkflowUpdateException refused = assertThrows(
                    WorkflowUpdateException.class,
                    () -> it.client
                            .newUntypedWorkflowStub(orders)
                            .update("requestCutover", Object.class, Map.of("finalBackupp", "x.trn")));
            String why = ((ApplicationFailure) refused.getCause()).getOriginalMessage();
            assertTrue(why.contains("finalBackupp: is not a field here; did you mean finalBackup?"), why);
            assertFalse(why.contains("com.fasterxml") || why.contains("Exception"), why);
            assertEquals(null, it.status(orders).cutover(), "no cutover was taken");

            // The wave's cutover signal with a list where names go: shown in its status, not taken.
            it.client.newUntypedWorkflowStub("erp-typos").signal("cutover", Map.of("finals", "all"));
            WaveStatus blocking = it.awaitWave("erp-typos", s -> !s.blocking().isEmpty(), WaveChains.STEP, 10);
            assertTrue(
                    blocking.blocking()
                            .toString()
                            .contains("cutover signal rejected: its payload could not be read (finals: must be a"
                                    + " section of names and values; got \"all\")"),
                    blocking.blocking().toString());
            assertEquals(WavePhase.CATCHING_UP, blocking.phase());
            WorkflowUpdateException waveRefused = assertThrows(
                    WorkflowUpdateException.class,
                    () -> it.client
                            .newUntypedWorkflowStub("erp-typos")
                            .update("requestCutover", Object.class, Map.of("final", Map.of())));
            assertTrue(
                    ((ApplicationFailure) waveRefused.getCause())
                            .getOriginalMessage()
                            .contains("final: is not a field here; did you mean finals?"),
                    waveRefused.getCause().getMessage());

            wave.abort(new AbortRequest("test over"));
            WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, Object.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
