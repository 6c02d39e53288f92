package io.cutover.campaign;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What campaign histories hold, counted the same way by every test that counts. */
final class HistoryCounts {

    private HistoryCounts() {}

    /**
     * Each applied file upserts AppliedBackups once: the events between two consecutive upserts are
     * what one log backup cost (discovery, staging, submission, any wait, the upsert).
     */
    static IntSummaryStatistics eventsPerFile(List<WorkflowExecutionHistory> runs) {
        IntSummaryStatistics gaps = new IntSummaryStatistics();
        for (WorkflowExecutionHistory run : runs) {
            List<HistoryEvent> events = run.getEvents();
            int previous = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
                    if (previous >= 0) {
                        gaps.accept(i - previous);
                    }
                    previous = i;
                }
            }
        }
        return gaps;
    }

    /** Activities of the type that were scheduled (each retry of one activity counts once). */
    static long scheduled(List<WorkflowExecutionHistory> runs, String activityType) {
        return events(runs)
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(activityType))
                .count();
    }

    /** Local activities of the type: each leaves a marker whose details name the type. */
    static long localActivities(List<WorkflowExecutionHistory> runs, String activityType) {
        return events(runs)
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .map(HistoryEvent::getMarkerRecordedEventAttributes)
                .filter(marker -> marker.getMarkerName().equals("LocalActivity"))
                .filter(marker -> activityType.equals(DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                        0, Optional.of(marker.getDetailsOrThrow("type")), String.class, String.class)))
                .count();
    }

    private static Stream<HistoryEvent> events(List<WorkflowExecutionHistory> runs) {
        return runs.stream().flatMap(run -> run.getEvents().stream());
    }
}
