package io.cutover.campaign;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;

/** A campaign's history is the chain of its runs: each continue-as-new starts the next one. */
public final class CampaignHistories {

    private CampaignHistories() {}

    /** Every run's history, first to last, following continue-as-new from the first run. */
    public static List<WorkflowExecutionHistory> of(WorkflowClient client, String campaignId) {
        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String runId = client.fetchHistory(campaignId)
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getFirstExecutionRunId();
        while (runId != null) {
            WorkflowExecutionHistory history = client.fetchHistory(campaignId, runId);
            runs.add(history);
            HistoryEvent last = history.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                    : null;
        }
        return runs;
    }
}
