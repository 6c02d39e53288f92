package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowQueryRejectedException;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status waits' query goes on through the failures a failing workflow task gives a query
 * (its error, or a deadline while the task is retried) and stops on the ones that say something
 * about the workflow. What failed the suite on a busy machine was the first kind ending a wait.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PatientQueryTest {

    private static final WorkflowExecution EXECUTION =
            WorkflowExecution.newBuilder().setWorkflowId("sales").build();

    @Test
    void aQueryThatFailsWithTheTasksErrorOrADeadlineIsAskedAgainUntilItAnswers() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<String> query = () -> switch (asked.incrementAndGet()) {
            case 1 ->
                throw new WorkflowQueryException(EXECUTION, "Campaign", new Error("worker lost after submission 2"));
            case 2 ->
                throw new WorkflowServiceException(EXECUTION, "Campaign", new RuntimeException("DEADLINE_EXCEEDED"));
            default -> "CATCHING_UP";
        };

        assertEquals("CATCHING_UP", PatientQuery.ask(query, Duration.ofSeconds(10)));
        assertEquals(3, asked.get());
    }

    @Test
    void aRejectedQueryEndsTheWaitAtOnce() {
        AtomicInteger asked = new AtomicInteger();
        WorkflowQueryRejectedException rejected = new WorkflowQueryRejectedException(EXECUTION, "Campaign", null);

        assertSame(
                rejected,
                assertThrows(
                        WorkflowQueryRejectedException.class,
                        () -> PatientQuery.ask(
                                () -> {
                                    asked.incrementAndGet();
                                    throw rejected;
                                },
                                Duration.ofSeconds(10))));
        assertEquals(1, asked.get());
    }

    @Test
    void aQueryThatNeverAnswersFailsTheTestWithItsLastErrorOnceTheBoundHasPassed() {
        WorkflowQueryException failing =
                new WorkflowQueryException(EXECUTION, "Campaign", new Error("task keeps failing"));

        AssertionError error = assertThrows(
                AssertionError.class,
                () -> PatientQuery.ask(
                        () -> {
                            throw failing;
                        },
                        Duration.ofMillis(300)));
        assertSame(failing, error.getCause());
    }
}
