package io.cutover.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import org.junit.jupiter.api.Test;

/**
 * The typed outcome and recovery mode keep the JSON they had as strings: carried states, ledgers
 * and recorded histories written before read the same, and new ones read as they always did.
 */
class AppliedBackupJsonTest {

    private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

    /** An entry as the campaign wrote it when both fields were strings. */
    private static final String WRITTEN_BEFORE =
            "{\"key\":\"logs/db_LOG_1.trn\",\"submittedName\":\"db_LOG_1.bak\",\"jobName\":\"e2e-1-1\","
                    + "\"jobId\":\"id-1\",\"recoveryMode\":\"incre\",\"lastBackup\":false,\"startedMillis\":1,"
                    + "\"endedMillis\":2,\"outcome\":\"SKIPPED\",\"note\":\"verified by hand\"}";

    @Test
    void anEntryWrittenAsStringsReadsAndWritesTheSameJson() throws Exception {
        AppliedBackup entry = JSON.readValue(WRITTEN_BEFORE, AppliedBackup.class);

        assertEquals(RecoveryMode.INCRE, entry.recoveryMode());
        assertEquals(Outcome.SKIPPED, entry.outcome());
        assertEquals(JSON.readTree(WRITTEN_BEFORE), JSON.readTree(JSON.writeValueAsString(entry)));
    }

    @Test
    void everyOutcomeIsWrittenByItsName() throws Exception {
        for (Outcome outcome : Outcome.values()) {
            AppliedBackup entry =
                    new AppliedBackup("k", null, null, null, RecoveryMode.FULL, true, 0, 0, outcome, null);
            JsonNode json = JSON.readTree(JSON.writeValueAsString(entry));
            assertEquals(outcome.name(), json.get("outcome").asText());
            assertEquals("full", json.get("recoveryMode").asText());
        }
    }

    @Test
    void aRecoveryModeRecordedByItsConstantNameStillReads() throws Exception {
        assertEquals(RecoveryMode.FULL, JSON.readValue("\"FULL\"", RecoveryMode.class));
        assertEquals(RecoveryMode.INCRE, JSON.readValue("\"incre\"", RecoveryMode.class));
    }

    @Test
    void everyJobStateAndDiscoveryProblemHasItsOutcome() {
        for (JobOutcome.State state : JobOutcome.State.values()) {
            assertEquals(state.name(), Outcome.of(state).name());
        }
        for (BackupReport.Problem problem : BackupReport.Problem.values()) {
            assertEquals(problem.name(), Outcome.of(problem).name());
        }
    }
}
