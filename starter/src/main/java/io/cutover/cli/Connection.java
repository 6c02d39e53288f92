package io.cutover.cli;

import io.cutover.campaign.OperatorPayloadConverter;
import io.cutover.codec.EncryptedDataConverter;
import io.cutover.codec.KeyRing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the campaigns live. The options default to the same environment variables the worker
 * reads, so one exported set serves both. When the campaigns' payloads are encrypted, the key ring
 * comes from {@value KeyRing#KEYS_VARIABLE} or {@value KeyRing#KEYS_FILE_VARIABLE}, never from an
 * option: command lines end up in shell histories and process lists.
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
    static final Function<Connection, WorkflowClient> TEMPORAL = connection -> WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(connection.address)
                    .build()),
            connection.clientOptions(System.getenv()));

    /**
     * The client's options: the namespace and, when a key ring is set, the converter that encrypts
     * what the CLI sends (a campaign's spec, a cutover request) and decrypts what it reads.
     *
     * @throws IllegalArgumentException naming the variable when the key ring is malformed
     */
    WorkflowClientOptions clientOptions(Map<String, String> environment) {
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(OperatorPayloadConverter.dataConverter());
        boolean keysSet = Stream.of(KeyRing.KEYS_VARIABLE, KeyRing.KEYS_FILE_VARIABLE)
                .map(environment::get)
                .anyMatch(value -> value != null && !value.isBlank());
        if (keysSet) {
            options.setDataConverter(
                    EncryptedDataConverter.fromEnvironment(environment, OperatorPayloadConverter.dataConverter()));
        }
        return options.build();
    }

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
