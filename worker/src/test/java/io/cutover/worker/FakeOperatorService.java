package io.cutover.worker;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.util.Map;

/**
 * An operator service that answers ListSearchAttributes (which Temporal's Java test server does
 * not implement) from a fixed map, over an in-process gRPC channel.
 */
final class FakeOperatorService implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;
    private final OperatorServiceStubs stubs;

    FakeOperatorService(Map<String, IndexedValueType> attributes) throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(new OperatorServiceGrpc.OperatorServiceImplBase() {
                    @Override
                    public void listSearchAttributes(
                            ListSearchAttributesRequest request,
                            StreamObserver<ListSearchAttributesResponse> response) {
                        response.onNext(ListSearchAttributesResponse.newBuilder()
                                .putAllCustomAttributes(attributes)
                                .build());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stubs = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setChannel(channel).validateAndBuildWithDefaults());
    }

    OperatorServiceStubs stubs() {
        return stubs;
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        channel.shutdownNow();
        server.shutdownNow();
    }
}
