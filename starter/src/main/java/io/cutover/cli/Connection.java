package io.cutover.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the campaigns live. The options default to the same environment variables the worker
 * reads, so one exported set serves both.
 */
public final class Connection {

  @Option(
      names = "--address",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:CUTOVER_TEMPORAL_ADDRESS:-127.0.0.1:7233}",
      description = "Temporal frontend host:port (env CUTOVER_TEMPORAL_ADDRESS; default ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--namespace",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:CUTOVER_TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env CUTOVER_TEMPORAL_NAMESPACE; default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--task-queue",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:CUTOVER_TEMPORAL_TASK_QUEUE:-cutover-campaigns}",
      description = "Task queue the workers poll (env CUTOVER_TEMPORAL_TASK_QUEUE; default ${DEFAULT-VALUE}).")
  String taskQueue;

  /** Opens a client; tests replace this with the test environment's client. */
  static final Function<Connection, WorkflowClient> TEMPORAL =
      connection ->
          WorkflowClient.newInstance(
              WorkflowServiceStubs.newServiceStubs(
                  WorkflowServiceStubsOptions.newBuilder().setTarget(connection.address).build()),
              WorkflowClientOptions.newBuilder().setNamespace(connection.namespace).build());

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  public String taskQueue() {
    return taskQueue;
  }
}
