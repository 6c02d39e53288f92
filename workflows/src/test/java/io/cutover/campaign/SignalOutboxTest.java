package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Async;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A signal that fails is sent again, with what followed it to the same receiver behind it in
 * order, and its receiver is taken as gone only after {@link SignalOutbox#SENDS} failed sends. What
 * this guards against: a member took one failed signal (its wave between two runs) as its wave's
 * end, went on without turns, and ran a second job on a target bound to one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalOutboxTest {

    private static final String QUEUE = "outbox-test";

    @WorkflowInterface
    public interface Sender {
        /** Sends notes 0..count-1 to the receiver at once; returns the notes whose receiver was gone. */
        @WorkflowMethod
        List<Integer> send(String receiverId, int count);
    }

    @WorkflowInterface
    public interface Receiver {
        @WorkflowMethod
        void receive();

        @SignalMethod
        void note(int note);

        @QueryMethod
        List<Integer> notes();
    }

    public static class SenderImpl implements Sender {
        @Override
        public List<Integer> send(String receiverId, int count) {
            SignalOutbox outbox = new SignalOutbox();
            List<Integer> gone = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int note = i;
                outbox.send(
                        receiverId,
                        () -> Async.procedure(Workflow.newExternalWorkflowStub(Receiver.class, receiverId)::note, note),
                        () -> gone.add(note));
            }
            Workflow.await(outbox::delivered);
            return gone;
        }
    }

    public static class ReceiverImpl implements Receiver {
        private final List<Integer> notes = new ArrayList<>();

        @Override
        public void receive() {
            Workflow.await(() -> false);
        }

        @Override
        public void note(int note) {
            notes.add(note);
        }

        @Override
        public List<Integer> notes() {
            return notes;
        }
    }

    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(SenderImpl.class, ReceiverImpl.class);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void signalsToAReceiverThatAppearsLateArriveAllAndInOrder() throws Exception {
        Sender sender = client.newWorkflowStub(Sender.class, options("sender-late"));
        WorkflowClient.start(sender::send, "receiver-late", 4);
        // The receiver starts only once the sender has seen a send fail: the resends are what is tried.
        awaitEvents("sender-late", EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, 1);
        env.sleep(SignalOutbox.PAUSE.multipliedBy(2));
        Receiver receiver = client.newWorkflowStub(Receiver.class, options("receiver-late"));
        WorkflowClient.start(receiver::receive);

        List<Integer> gone = WorkflowStub.fromTyped(sender).getResult(30, TimeUnit.SECONDS, List.class);

        assertEquals(List.of(), gone, "no note was given up");
        assertEquals(List.of(0, 1, 2, 3), receiver.notes(), "every note, once, in the order sent");
        assertTrue(count("sender-late", EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED) >= 2);
    }

    @Test
    void aReceiverThatNeverAppearsIsGivenUpAfterItsSendsAndEveryNoteIsReported() throws Exception {
        Sender sender = client.newWorkflowStub(Sender.class, options("sender-alone"));
        WorkflowClient.start(sender::send, "receiver-never", 3);

        List<Integer> gone = WorkflowStub.fromTyped(sender).getResult(30, TimeUnit.SECONDS, List.class);

        assertEquals(List.of(0, 1, 2), gone);
        long failed = count("sender-alone", EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
        // Each note went out once at first; the oldest waiting one is then sent until the last try.
        assertTrue(failed >= SignalOutbox.SENDS, "failed sends: " + failed);
        assertTrue(failed <= SignalOutbox.SENDS + 2L, "failed sends: " + failed);
        WorkflowExecutionHistory history = client.fetchHistory("sender-alone");
        long took = history.getLastEvent().getEventTime().getSeconds()
                - history.getEvents().get(0).getEventTime().getSeconds();
        assertTrue(
                took >= SignalOutbox.PAUSE.multipliedBy(SignalOutbox.SENDS - 1).toSeconds(),
                "given up after " + took + " s of workflow time");
    }

    private static WorkflowOptions options(String id) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(QUEUE)
                .build();
    }

    private long count(String workflowId, EventType type) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(e -> e.getEventType() == type)
                .count();
    }

    private void awaitEvents(String workflowId, EventType type, long atLeast) throws InterruptedException {
        for (int i = 0; i < 200 && count(workflowId, type) < atLeast; i++) {
            Thread.sleep(50);
        }
        assertTrue(count(workflowId, type) >= atLeast, "no " + type + " in " + workflowId);
    }
}
