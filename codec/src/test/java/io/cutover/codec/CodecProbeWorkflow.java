package io.cutover.codec;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A tiny workflow that moves data through every path the codec must cover: input, signal, query,
 * memo, result and failure, plus a search attribute, which must stay plain.
 */
@WorkflowInterface
public interface CodecProbeWorkflow {

    SearchAttributeKey<String> CAMPAIGN = SearchAttributeKey.forKeyword("CutoverCampaign");

    /** Fails at once when the input starts with {@code fail}; otherwise waits for a note. */
    @WorkflowMethod
    String run(String input);

    @SignalMethod
    void note(String text);

    @QueryMethod
    String lastNote();
}
