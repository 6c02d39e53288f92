package io.cutover.codec.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A codec endpoint for the Temporal UI and CLI (Temporal's remote codec protocol): {@code POST
 * /decode} and {@code POST /encode}, served by the JDK's HTTP server. Point the UI's "Codec
 * Server" setting (or {@code temporal --codec-endpoint ... --codec-auth "Bearer <token>"}) at
 * {@link #uri()}. See {@link CodecEndpoint} for who may call it.
 *
 * <p>Run it on its own with {@link #main}, configured by the environment ({@link
 * CodecServerOptions#fromEnvironment}), or embed it with {@link #start}.
 */
public final class CodecServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CodecServer.class);

    /** Two threads are plenty: the UI decodes one page of history at a time. */
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;

    private CodecServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static CodecServer start(CodecServerOptions options) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.bindAddress() + ":" + options.port(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "codec-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", new CodecEndpoint(options.codec(), options.allowedOrigin(), options.token()));
        server.start();
        CodecServer started = new CodecServer(server, executor);
        log.info("codec endpoint on {} for origin {}", started.uri(), options.allowedOrigin());
        return started;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address: {@code /decode} and {@code /encode} are under it. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Runs the endpoint as a process, configured by the environment, until it is stopped. */
    public static void main(String[] args) {
        CodecServer server;
        try {
            server = start(CodecServerOptions.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("codec endpoint: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "codec-endpoint-stop"));
    }
}
