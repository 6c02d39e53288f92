package io.cutover.worker;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A tiny campaign-like workflow: sets its phase, stages one backup, submits and awaits a job. */
@WorkflowInterface
public interface ProbeWorkflow {
    @WorkflowMethod
    String run(long backupLastModifiedMillis);
}
