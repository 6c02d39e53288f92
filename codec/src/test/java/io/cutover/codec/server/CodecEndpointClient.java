package io.cutover.codec.server;

import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts a codec endpoint on loopback and calls it as the Temporal UI would. */
public final class CodecEndpointClient implements AutoCloseable {

    public static final String ORIGIN = "http://localhost:8233";
    public static final String TOKEN = "test-token-7d1c0e5a9b2f4e68";

    /** The headers the UI sends: its origin, the bearer token and the namespace. */
    public static final Map<String, String> UI_HEADERS =
            Map.of("Origin", ORIGIN, "Authorization", "Bearer " + TOKEN, "X-Namespace", "default");

    private final CodecServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CodecEndpointClient(PayloadCodec codec) {
        server = CodecServer.start(
                new CodecServerOptions("127.0.0.1", 0, ORIGIN, BearerToken.of("test token", TOKEN), codec));
    }

    public CodecServer server() {
        return server;
    }

    /** POSTs payloads as the remote codec protocol's JSON with the given headers. */
    public HttpResponse<String> post(String path, List<Payload> payloads, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send("POST", path, RemoteCodecJson.write(payloads), headers);
    }

    public HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The payloads of a 200 answer. */
    public static List<Payload> payloads(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return RemoteCodecJson.read(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
