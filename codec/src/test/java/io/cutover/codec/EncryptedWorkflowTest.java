package io.cutover.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.cutover.codec.server.CodecEndpointClient;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs a workflow on Temporal's test server with {@link EncryptedDataConverter} and reads what the
 * server stored: every payload must be ciphertext except search attributes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EncryptedWorkflowTest {

    /** Put into every input, signal, memo and result; must never reach the server in clear. */
    private static final String MARKER = "PLAINTEXT-MARKER-4e1d";

    private static final String TASK_QUEUE = "codec-probe";

    private final KeyRing keys = TestKeys.ring("k1");
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    /** A payload found in a history, and whether it sat inside a search attribute map. */
    private record FoundPayload(Payload payload, boolean searchAttribute) {}

    @BeforeEach
    void startServer() {
        DataConverter converter = EncryptedDataConverter.create(keys);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(converter)
                        .build())
                .build());
        env.registerSearchAttribute(CodecProbeWorkflow.CAMPAIGN.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        Worker worker = env.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(CodecProbeWorkflowImpl.class);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stopServer() {
        env.close();
    }

    @Test
    void theWorkflowWorksWhileItsHistoryHoldsOnlyCiphertext() {
        CodecProbeWorkflow workflow = startProbe("probe-ok");

        WorkflowStub.fromTyped(workflow).signal("note", "signal " + MARKER);
        assertEquals("signal " + MARKER, workflow.lastNote());
        String result = WorkflowStub.fromTyped(workflow).getResult(String.class);

        assertEquals("done input " + MARKER + " signal " + MARKER, result);
        Payload queryAnswer = rawQueryAnswer("probe-ok");
        assertTrue(AesGcmPayloadCodec.isEncrypted(queryAnswer), queryAnswer.toString());
        assertFalse(queryAnswer.toByteString().toStringUtf8().contains(MARKER));
        History history = client.fetchHistory("probe-ok").getHistory();
        assertNoMarker(history);
        List<Payload> data = payloadsIn(history).stream()
                .filter(p -> !p.searchAttribute())
                .map(FoundPayload::payload)
                .toList();
        // Input, signal, the memo given at start, the memo upserted later, and the result.
        assertTrue(data.size() >= 5, "payloads found: " + data.size());
        for (Payload payload : data) {
            assertEquals(
                    "binary/encrypted", payload.getMetadataOrThrow("encoding").toStringUtf8());
            assertEquals("k1", payload.getMetadataOrThrow("encryption-key-id").toStringUtf8());
        }
    }

    /** The server must index search attributes, so the SDK never passes them to the codec. */
    @Test
    void searchAttributesStayPlainInHistoryAndDescribe() {
        CodecProbeWorkflow workflow = startProbe("probe-search");
        WorkflowStub.fromTyped(workflow).signal("note", "signal " + MARKER);
        WorkflowStub.fromTyped(workflow).getResult(String.class);

        List<Payload> searchAttributes = payloadsIn(
                        client.fetchHistory("probe-search").getHistory())
                .stream()
                .filter(FoundPayload::searchAttribute)
                .map(FoundPayload::payload)
                .toList();
        WorkflowExecutionDescription description =
                WorkflowStub.fromTyped(workflow).describe();

        assertEquals(
                List.of("\"campaign-started\"", "\"campaign-upserted\""),
                searchAttributes.stream().map(p -> p.getData().toStringUtf8()).toList());
        Payload described = description
                .getRawDescription()
                .getWorkflowExecutionInfo()
                .getSearchAttributes()
                .getIndexedFieldsOrThrow(CodecProbeWorkflow.CAMPAIGN.getName());
        assertEquals("json/plain", described.getMetadataOrThrow("encoding").toStringUtf8());
        assertEquals("\"campaign-upserted\"", described.getData().toStringUtf8());
        assertEquals("campaign-upserted", description.getTypedSearchAttributes().get(CodecProbeWorkflow.CAMPAIGN));
        // Memo is encrypted on the server but this client, holding the key, reads it back.
        assertEquals("memo " + MARKER, description.getMemo("ticket", String.class));
        assertFalse(
                description.getRawDescription().toByteString().toStringUtf8().contains(MARKER),
                "describe() leaked the marker");
    }

    @Test
    void failureMessagesAreEncryptedButReadableByTheClient() {
        CodecProbeWorkflow workflow = startProbe("probe-fail");

        WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> workflow.run("fail " + MARKER));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
        assertEquals("refused fail " + MARKER, cause.getOriginalMessage());
        History history = client.fetchHistory("probe-fail").getHistory();
        assertNoMarker(history);
        HistoryEvent failed = history.getEvents(history.getEventsCount() - 1);
        assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, failed.getEventType());
        assertEquals(
                "Encoded failure",
                failed.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage());
    }

    /** What the Temporal UI does with a history: post its payloads to the codec endpoint. */
    @Test
    void theCodecEndpointDecodesTheHistoryForAnAuthorisedCaller() throws Exception {
        CodecProbeWorkflow workflow = startProbe("probe-ui");
        WorkflowStub.fromTyped(workflow).signal("note", "signal " + MARKER);
        WorkflowStub.fromTyped(workflow).getResult(String.class);
        List<Payload> stored = payloadsIn(client.fetchHistory("probe-ui").getHistory()).stream()
                .filter(p -> !p.searchAttribute())
                .map(FoundPayload::payload)
                .toList();

        try (CodecEndpointClient endpoint = new CodecEndpointClient(new AesGcmPayloadCodec(keys))) {
            List<Payload> decoded =
                    CodecEndpointClient.payloads(endpoint.post("/decode", stored, CodecEndpointClient.UI_HEADERS));
            int refused = endpoint.post("/decode", stored, Map.of("Origin", CodecEndpointClient.ORIGIN))
                    .statusCode();

            assertEquals(401, refused);
            assertEquals(stored.size(), decoded.size());
            List<String> texts =
                    decoded.stream().map(p -> p.getData().toStringUtf8()).toList();
            assertTrue(texts.contains("\"input " + MARKER + "\""), texts.toString());
            assertTrue(texts.contains("\"signal " + MARKER + "\""), texts.toString());
            assertTrue(texts.contains("\"memo " + MARKER + "\""), texts.toString());
            assertTrue(texts.contains("\"done input " + MARKER + " signal " + MARKER + "\""), texts.toString());
            for (Payload payload : decoded) {
                assertEquals(
                        "json/plain", payload.getMetadataOrThrow("encoding").toStringUtf8());
            }
        }
    }

    private CodecProbeWorkflow startProbe(String workflowId) {
        CodecProbeWorkflow workflow = client.newWorkflowStub(
                CodecProbeWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TASK_QUEUE)
                        .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                        .setMemo(Map.of("ticket", "memo " + MARKER))
                        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
                                .set(CodecProbeWorkflow.CAMPAIGN, "campaign-started")
                                .build())
                        .build());
        if (!workflowId.equals("probe-fail")) {
            WorkflowClient.start(workflow::run, "input " + MARKER);
        }
        return workflow;
    }

    /** A query's answer as the server passes it on, before the client's codec decodes it. */
    private Payload rawQueryAnswer(String workflowId) {
        return client.getWorkflowServiceStubs()
                .blockingStub()
                .queryWorkflow(QueryWorkflowRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setQuery(WorkflowQuery.newBuilder().setQueryType("lastNote"))
                        .build())
                .getQueryResult()
                .getPayloads(0);
    }

    private static void assertNoMarker(History history) {
        String bytes = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(MARKER), "the history holds the marker in clear");
    }

    /** Every Payload anywhere in the history, found by walking the protobuf messages. */
    private static List<FoundPayload> payloadsIn(History history) {
        List<FoundPayload> found = new ArrayList<>();
        collect(history, false, found);
        return found;
    }

    private static void collect(Message message, boolean inSearchAttributes, List<FoundPayload> found) {
        if (message instanceof Payload payload) {
            found.add(new FoundPayload(payload, inSearchAttributes));
            return;
        }
        boolean searchAttributes = inSearchAttributes || message instanceof SearchAttributes;
        for (Object value : message.getAllFields().values()) {
            Collection<?> values = value instanceof Collection<?> list ? list : List.of(value);
            for (Object item : values) {
                if (item instanceof Message child) {
                    collect(child, searchAttributes, found);
                }
            }
        }
    }
}
