package io.cutover.simulator.bucket;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers anonymous path-style GETs the way S3 does for what the simulator asks: 200, 206 with
 * Content-Range for a range, 416 for a range of an empty object, 404 for a missing key, 403 for the
 * bucket named "private". For tests only.
 */
public final class FakeS3 implements AutoCloseable {

    /** The Last-Modified every object reports. */
    public static final ZonedDateTime LAST_MODIFIED = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    public FakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void put(String bucket, String key, byte[] content) {
        objects.put("/" + bucket + "/" + key, content);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders()
                    .set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(LAST_MODIFIED));
            if (path.startsWith("/private/")) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            byte[] content = objects.get(path);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (matcher == null || !matcher.matches()) {
                send(exchange, 200, content);
                return;
            }
            int from = Integer.parseInt(matcher.group(1));
            if (from >= content.length) {
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            int to = Math.min(Integer.parseInt(matcher.group(2)), content.length - 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + content.length);
            send(exchange, 206, Arrays.copyOfRange(content, from, to + 1));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
