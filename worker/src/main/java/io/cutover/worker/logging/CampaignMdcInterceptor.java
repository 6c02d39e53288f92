package io.cutover.worker.logging;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts the campaign id (the workflow id) into the logging MDC as {@value #MDC_KEY} while a
 * campaign's workflow code or one of its activities runs, so that every log line about a campaign
 * can be found by its id, in text and in JSON logs alike.
 */
public final class CampaignMdcInterceptor extends WorkerInterceptorBase {

    public static final String MDC_KEY = "campaignId";

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private String campaignId;

            @Override
            public void init(ActivityExecutionContext context) {
                campaignId = context.getInfo().getWorkflowId();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                return withCampaign(campaignId, () -> super.execute(input));
            }
        };
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public WorkflowOutput execute(WorkflowInput input) {
                return withCampaign(campaignId(), () -> super.execute(input));
            }

            @Override
            public void handleSignal(SignalInput input) {
                withCampaign(campaignId(), () -> {
                    super.handleSignal(input);
                    return null;
                });
            }

            @Override
            public UpdateOutput executeUpdate(UpdateInput input) {
                return withCampaign(campaignId(), () -> super.executeUpdate(input));
            }

            @Override
            public void validateUpdate(UpdateInput input) {
                withCampaign(campaignId(), () -> {
                    super.validateUpdate(input);
                    return null;
                });
            }
        };
    }

    private static String campaignId() {
        return Workflow.getInfo().getWorkflowId();
    }

    /**
     * Runs with the campaign id in the MDC and puts back what was there: workflow and activity
     * threads are pooled, so a leftover id would label another campaign's lines.
     */
    private static <T> T withCampaign(String campaignId, Supplier<T> body) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, campaignId);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
