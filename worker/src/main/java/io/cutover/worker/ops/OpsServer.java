package io.cutover.worker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The worker's operations endpoint on the JDK's HTTP server: {@code /healthz} answers 200 while
 * the worker is polling and Temporal answers, 503 with the reason otherwise; {@code /metrics}
 * serves Prometheus text (the SDK's and the product's metrics).
 */
public final class OpsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param healthProblem answers null while the worker is healthy, else why it is not
     */
    public static OpsServer start(
            String bindAddress, int port, PrometheusMeterRegistry registry, Supplier<String> healthProblem)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        server.createContext("/healthz", exchange -> {
            String problem = healthProblem.get();
            respond(
                    exchange,
                    problem == null ? 200 : 503,
                    problem == null ? "ok\n" : problem + "\n",
                    "text/plain; charset=utf-8");
        });
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
        // One daemon thread: scrapes and probes are rare and cheap, and must never keep the JVM up.
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new OpsServer(server, executor);
    }

    /** The port actually bound (useful when 0 was configured). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
