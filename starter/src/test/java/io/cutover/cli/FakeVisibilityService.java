package io.cutover.cli;

import io.cutover.campaign.CampaignSearchAttributes;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.internal.common.SearchAttributesUtil;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A workflow service that answers ListWorkflowExecutions (which Temporal's Java test server does
 * not implement) with fixed campaigns, and records the queries it was sent.
 */
final class FakeVisibilityService implements AutoCloseable {

    final List<String> queries = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ManagedChannel channel;
    private final WorkflowServiceStubs stubs;

    FakeVisibilityService(List<WorkflowExecutionInfo> executions) throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                    @Override
                    public void getSystemInfo(
                            GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
                        response.onNext(GetSystemInfoResponse.getDefaultInstance());
                        response.onCompleted();
                    }

                    @Override
                    public void listWorkflowExecutions(
                            ListWorkflowExecutionsRequest request,
                            StreamObserver<ListWorkflowExecutionsResponse> response) {
                        queries.add(request.getQuery());
                        response.onNext(ListWorkflowExecutionsResponse.newBuilder()
                                .addAllExecutions(executions)
                                .build());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    }

    static WorkflowExecutionInfo campaign(String id, String phase, String target, long applied) {
        return WorkflowExecutionInfo.newBuilder()
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(id + "-run"))
                .setType(WorkflowType.newBuilder().setName("Campaign"))
                .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_780_000_000))
                .setSearchAttributes(SearchAttributesUtil.encodeTyped(SearchAttributes.newBuilder()
                        .set(CampaignSearchAttributes.PHASE, phase)
                        .set(CampaignSearchAttributes.TARGET_INSTANCE_ID, target)
                        .set(CampaignSearchAttributes.APPLIED_BACKUPS, applied)
                        .build()))
                .build();
    }

    WorkflowClient client(String namespace) {
        return WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        channel.shutdownNow();
        server.shutdownNow();
    }
}
