package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's Temporal service has no authentication: it must answer on loopback and nowhere else. */
class EmbeddedTemporalTest {

    @Test
    @Timeout(60)
    void servesOnLoopbackAndRefusesTheMachinesOtherAddresses() throws IOException {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this machine has no address besides loopback");
        try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
            // A real gRPC call on the loopback address: the server is up and serves Temporal's API.
            temporal.addSearchAttributes(
                    "default", Map.of("CutoverProbe", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            int port = Integer.parseInt(
                    temporal.address().substring(temporal.address().lastIndexOf(':') + 1));
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            }
            assertThrows(IOException.class, () -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(other.get(), port), 2_000);
                }
            });
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
