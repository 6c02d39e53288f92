package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SearchAttributeCheckTest {

    private static final String NAMESPACE = "cutover";

    private static String failure(Map<String, IndexedValueType> present) throws IOException {
        try (FakeOperatorService operator = new FakeOperatorService(present)) {
            return assertThrows(
                            IllegalStateException.class,
                            () -> SearchAttributeCheck.verify(operator.stubs(), NAMESPACE, "temporal:7233"))
                    .getMessage();
        }
    }

    @Test
    void passesWhenAllThreeExistWithTheirTypes() throws IOException {
        try (FakeOperatorService operator = new FakeOperatorService(SearchAttributeCheck.REQUIRED)) {
            assertDoesNotThrow(() -> SearchAttributeCheck.verify(operator.stubs(), NAMESPACE, "temporal:7233"));
        }
    }

    @Test
    void namesEveryMissingAttributeAndTheCommandThatCreatesThem() throws IOException {
        String message = failure(Map.of("Unrelated", IndexedValueType.INDEXED_VALUE_TYPE_TEXT));

        assertTrue(
                message.contains("AppliedBackups is missing; CampaignPhase is missing; TargetInstanceId is missing;"
                        + " WaveId is missing"),
                message);
        assertTrue(
                message.contains("temporal operator search-attribute create --address temporal:7233 --namespace cutover"
                        + " --name AppliedBackups --type Int --name CampaignPhase --type Keyword"
                        + " --name TargetInstanceId --type Keyword --name WaveId --type Keyword"),
                message);
    }

    @Test
    void reportsAnAttributeOfTheWrongType() throws IOException {
        String message = failure(Map.of(
                "CampaignPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "TargetInstanceId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "AppliedBackups", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));

        assertTrue(message.contains("AppliedBackups is Keyword but must be Int"), message);
        assertTrue(message.contains("removed"), message);
    }

    @Test
    void aServerThatCannotListAttributesIsLetThrough() {
        // Temporal's Java test server (used by the demo) does not implement ListSearchAttributes.
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            assertDoesNotThrow(() ->
                    SearchAttributeCheck.verify(env.getOperatorServiceStubs(), env.getNamespace(), "127.0.0.1:7233"));
        }
    }
}
