package io.cutover.demo;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server bound to a local port with time skipping off: a real gRPC endpoint,
 * so the worker, the demo and any other Temporal client (the temporal CLI, a second cutover
 * command) can connect while it runs. State lives in memory and ends with it.
 *
 * <p>It listens on 127.0.0.1 only. {@code TestServer.createPortBoundServer} binds every interface,
 * and this server has no authentication: anyone on the network could have started, read or
 * terminated workflows while the demo ran. So the same services are served here by a gRPC server
 * bound to the loopback address, assembled as {@code createPortBoundServer} assembles its own
 * (the test server's {@code internal} classes, pinned with the SDK's version).
 */
final class EmbeddedTemporal implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;
    private final int port;

    private EmbeddedTemporal(TestServicesStarter services, Server server, int port) {
        this.services = services;
        this.server = server;
        this.port = port;
    }

    /**
     * Starts on the port, or on a free one when it is 0. The flag locks time skipping: with it
     * false the server skips time and a campaign's one-second polls would spin.
     */
    static EmbeddedTemporal start(int port) {
        int chosen = port == 0 ? freePort() : port;
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), chosen), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            return new EmbeddedTemporal(services, builder.build().start(), chosen);
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + chosen + " for Temporal", e);
        }
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Registers search attributes in a namespace, as `temporal operator search-attribute create` does. */
    void addSearchAttributes(String namespace, Map<String, IndexedValueType> attributes) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setTarget(address()).validateAndBuildWithDefaults());
        try {
            operator.blockingStub()
                    .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .putAllSearchAttributes(attributes)
                            .build());
        } finally {
            operator.shutdown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for Temporal", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }
}
