package io.cutover.worker.metrics;

import io.cutover.activity.JobOutcome;
import io.cutover.activity.StageRequest;
import io.cutover.campaign.CampaignSearchAttributes;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds {@link CampaignMetrics} from what passes through the worker, so that neither the
 * workflow (which must stay deterministic) nor the activity implementations carry metrics code:
 * the DRS activities' results give jobs and outcomes, staging gives the backup's age, and the
 * workflow's own CampaignPhase search attribute gives its phase.
 */
public final class MetricsInterceptor extends WorkerInterceptorBase {

    private final CampaignMetrics metrics;
    private final Clock clock;
    private final Set<String> submittedJobIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> stagedLastModified = new ConcurrentHashMap<>();

    public MetricsInterceptor(CampaignMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                ActivityOutput output = super.execute(input);
                record(context.getInfo(), input.getArguments(), output.getResult());
                return output;
            }
        };
    }

    private void record(ActivityInfo info, Object[] arguments, Object result) {
        String campaignId = info.getWorkflowId();
        switch (info.getActivityType()) {
            case "SubmitJob" -> {
                // A submit retried after an ambiguous failure returns the job it already made.
                if (result instanceof String jobId && submittedJobIds.add(jobId)) {
                    metrics.jobSubmitted();
                }
            }
            case "Stage" -> {
                if (arguments.length > 0 && arguments[0] instanceof StageRequest request) {
                    stagedLastModified.put(campaignId, request.file().lastModifiedMillis());
                }
            }
            case "AwaitJob" -> {
                if (result instanceof JobOutcome outcome) {
                    // The first attempt was scheduled right after the submit; later attempts are polls.
                    Duration duration = Duration.ofMillis(Math.max(0, clock.millis() - info.getScheduledTimestamp()));
                    metrics.jobFinished(outcome.state().name(), duration);
                    Long lastModified = stagedLastModified.get(campaignId);
                    if (outcome.succeeded() && lastModified != null) {
                        metrics.backupApplied(campaignId, lastModified);
                    }
                }
            }
            default -> {}
        }
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new PhaseWatcher(outbound));
            }
        };
    }

    /**
     * Sees the workflow's search attribute updates. It only reads them and never changes what the
     * workflow does, so replaying (which repeats the same updates in order) leaves the same phase.
     */
    private final class PhaseWatcher extends WorkflowOutboundCallsInterceptorBase {
        PhaseWatcher(WorkflowOutboundCallsInterceptor next) {
            super(next);
        }

        @Override
        public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
            super.upsertTypedSearchAttributes(updates);
            for (SearchAttributeUpdate<?> update : updates) {
                if (CampaignSearchAttributes.PHASE
                                .getName()
                                .equals(update.getKey().getName())
                        && update.getValue().isPresent()) {
                    metrics.phaseChanged(
                            Workflow.getInfo().getWorkflowId(),
                            String.valueOf(update.getValue().get()));
                }
            }
        }
    }
}
