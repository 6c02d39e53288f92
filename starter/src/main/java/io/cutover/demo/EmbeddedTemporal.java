package io.cutover.demo;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Temporal's Java test server bound to a local port with time skipping off: a real gRPC endpoint,
 * so the worker, the demo and any other Temporal client (the temporal CLI, a second cutover
 * command) can connect while it runs. State lives in memory and ends with it.
 */
final class EmbeddedTemporal implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts on the port, or on a free one when it is 0. The flag locks time skipping: with it
   * false the server skips time and a campaign's one-second polls would spin.
   */
  static EmbeddedTemporal start(int port) {
    int chosen = port == 0 ? freePort() : port;
    return new EmbeddedTemporal(TestServer.createPortBoundServer(chosen, true), chosen);
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Registers search attributes in a namespace, as `temporal operator search-attribute create` does. */
  void addSearchAttributes(String namespace, Map<String, IndexedValueType> attributes) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder().setTarget(address()).validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
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
    server.close();
  }
}
