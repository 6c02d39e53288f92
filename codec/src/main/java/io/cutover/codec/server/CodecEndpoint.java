package io.cutover.codec.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the remote codec protocol with two gates, checked in this order:
 *
 * <ol>
 *   <li>Origin: a request whose {@code Origin} header is not the configured one gets 403 and no
 *       CORS headers, so a page on another site can neither call nor read. A request without
 *       {@code Origin} does not come from a browser page (the CLI, curl) and passes this gate.
 *   <li>Token: every {@code POST} needs {@code Authorization: Bearer <token>}; otherwise 401.
 *       Preflight {@code OPTIONS} requests carry no credentials by design, so they pass with the
 *       origin gate alone and answer only with CORS headers.
 * </ol>
 */
final class CodecEndpoint implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CodecEndpoint.class);

    /** Temporal limits a payload to 2 MB by default; a page of them fits well within 16 MiB. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    static final String ALLOWED_HEADERS = "Content-Type, X-Namespace, Authorization";

    private final PayloadCodec codec;
    private final String allowedOrigin;
    private final BearerToken token;

    CodecEndpoint(PayloadCodec codec, String allowedOrigin, BearerToken token) {
        this.codec = codec;
        this.allowedOrigin = allowedOrigin;
        this.token = token;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !origin.equals(allowedOrigin)) {
                log.warn("refused a call from origin {}", origin);
                sendText(exchange, 403, "origin not allowed");
                return;
            }
            if (origin != null) {
                addCorsHeaders(exchange.getResponseHeaders());
            }
            UnaryOperator<List<Payload>> operation =
                    switch (exchange.getRequestURI().getPath()) {
                        case "/decode" -> codec::decode;
                        case "/encode" -> codec::encode;
                        default -> null;
                    };
            if (operation == null) {
                sendText(exchange, 404, "not found; use POST /decode or POST /encode");
            } else if (exchange.getRequestMethod().equals("OPTIONS")) {
                answerPreflight(exchange);
            } else if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                sendText(exchange, 405, "use POST");
            } else if (!token.matchesHeader(exchange.getRequestHeaders().getFirst("Authorization"))) {
                log.warn("refused a call without the right bearer token");
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                sendText(exchange, 401, "a valid Authorization: Bearer token is required");
            } else {
                transform(exchange, operation);
            }
        }
    }

    private void addCorsHeaders(Headers headers) {
        headers.set("Access-Control-Allow-Origin", allowedOrigin);
        // The UI sends the user's credentials (cookies, Authorization) when its codec setting asks
        // for them; the browser drops the response unless this header says it may.
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Vary", "Origin");
    }

    private static void answerPreflight(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private static void transform(HttpExchange exchange, UnaryOperator<List<Payload>> operation) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            sendText(exchange, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        log.debug(
                "{} for namespace {}",
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Namespace"));
        byte[] answer;
        try {
            answer = RemoteCodecJson.write(operation.apply(RemoteCodecJson.read(body)));
        } catch (IllegalArgumentException | PayloadCodecException e) {
            // Both name fields and key ids only, never payload contents or keys.
            sendText(exchange, 400, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // Anything else is a bug here, not the caller's fault; its message stays in the log.
            log.error("codec endpoint failed on {}", exchange.getRequestURI().getPath(), e);
            sendText(exchange, 500, "the codec failed; see the codec endpoint's log");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
