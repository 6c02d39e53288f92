package io.cutover.codec;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;

public class CodecProbeWorkflowImpl implements CodecProbeWorkflow {

    private String note;

    @Override
    public String run(String input) {
        if (input.startsWith("fail")) {
            throw ApplicationFailure.newNonRetryableFailure("refused " + input, "ProbeRefused");
        }
        Workflow.await(() -> note != null);
        Workflow.upsertMemo(Map.of("note", note));
        Workflow.upsertTypedSearchAttributes(CAMPAIGN.valueSet("campaign-upserted"));
        return "done " + input + " " + note;
    }

    @Override
    public void note(String text) {
        note = text;
    }

    @Override
    public String lastNote() {
        return note;
    }
}
