package io.cutover.e2e.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DRS endpoint on 127.0.0.1 that never answers properly: each request, whatever its path, gets
 * the next of a cycle of broken answers (truncated JSON, HTML error pages with 502 and with 200,
 * an object missing every field, a job in a status DRS does not have, an empty body). The
 * simulator answers well-formed JSON only, hence this server.
 */
final class MalformedDrsServer implements AutoCloseable {

    private record Answer(int status, String contentType, String body) {}

    private static final List<Answer> ANSWERS = List.of(
            new Answer(200, "application/json", "{\"job_id\": \"4f1c2a"),
            new Answer(502, "text/html", "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"),
            new Answer(200, "application/json", "{}"),
            new Answer(
                    200,
                    "application/json",
                    "{\"count\": 1, \"jobs\": [{\"id\": \"4f1c2a\", \"name\": \"x\", \"status\": \"EXPLODED\"}],"
                            + " \"id\": \"4f1c2a\", \"status\": \"EXPLODED\"}"),
            new Answer(200, "text/html", "<!DOCTYPE html><html><head><title>Sign in</title></head></html>"),
            new Answer(200, "application/json", ""));

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private MalformedDrsServer(HttpServer server) {
        this.server = server;
    }

    static MalformedDrsServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            MalformedDrsServer drs = new MalformedDrsServer(server);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                Answer answer = ANSWERS.get(drs.requests.getAndIncrement() % ANSWERS.size());
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return drs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    /** How many different broken answers there are: a request count to wait for. */
    static int kinds() {
        return ANSWERS.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
