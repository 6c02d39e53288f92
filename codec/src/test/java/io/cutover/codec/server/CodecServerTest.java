package io.cutover.codec.server;

import static io.cutover.codec.server.CodecEndpointClient.ORIGIN;
import static io.cutover.codec.server.CodecEndpointClient.TOKEN;
import static io.cutover.codec.server.CodecEndpointClient.UI_HEADERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.codec.KeyRing;
import io.cutover.codec.TestKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CodecServerTest {

    private static final String SECRET = "orders-db-password-hint";

    private final KeyRing keys = TestKeys.ring("k1");
    private final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(keys);
    private final CodecEndpointClient endpoint = new CodecEndpointClient(codec);
    private final Payload plain =
            DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET).orElseThrow();
    private final List<Payload> sealed = codec.encode(List.of(plain));

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void listensOnLoopbackByDefault() {
        CodecServerOptions options = CodecServerOptions.of(ORIGIN, BearerToken.of("test", TOKEN), codec);

        assertEquals("127.0.0.1", options.bindAddress());
        assertEquals("127.0.0.1", endpoint.server().uri().getHost());
    }

    @Test
    void decodesForTheUiWithCorsHeadersForItsOrigin() throws Exception {
        HttpResponse<String> response = endpoint.post("/decode", sealed, UI_HEADERS);

        assertEquals(List.of(plain), CodecEndpointClient.payloads(response));
        assertEquals(Optional.of(ORIGIN), header(response, "Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), header(response, "Access-Control-Allow-Credentials"));
        assertEquals(Optional.of("Origin"), header(response, "Vary"));
        assertEquals(Optional.of("application/json"), header(response, "Content-Type"));
    }

    @Test
    void encodesWhatDecodeTurnsBack() throws Exception {
        List<Payload> encoded = CodecEndpointClient.payloads(endpoint.post("/encode", List.of(plain), UI_HEADERS));

        assertEquals(1, encoded.size());
        assertTrue(AesGcmPayloadCodec.isEncrypted(encoded.get(0)));
        assertEquals(
                "k1", encoded.get(0).getMetadataOrThrow("encryption-key-id").toStringUtf8());
        HttpResponse<String> decoded = endpoint.post("/decode", encoded, UI_HEADERS);
        assertEquals(List.of(plain), CodecEndpointClient.payloads(decoded));
        assertEquals(List.of(plain), codec.decode(encoded));
    }

    /** The CLI and scripts send no Origin: the token alone admits them, without CORS headers. */
    @Test
    void callersWithoutAnOriginNeedOnlyTheToken() throws Exception {
        HttpResponse<String> response = endpoint.post("/decode", sealed, Map.of("Authorization", "Bearer " + TOKEN));

        assertEquals(List.of(plain), CodecEndpointClient.payloads(response));
        assertEquals(Optional.empty(), header(response, "Access-Control-Allow-Origin"));
    }

    @Test
    void aCallWithoutATokenIsRefused() throws Exception {
        HttpResponse<String> response =
                endpoint.post("/decode", sealed, Map.of("Origin", ORIGIN, "X-Namespace", "default"));

        assertRefused(response, 401);
        assertEquals(Optional.of("Bearer"), header(response, "WWW-Authenticate"));
        // The UI must be able to read the refusal, so the origin's CORS headers are still there.
        assertEquals(Optional.of(ORIGIN), header(response, "Access-Control-Allow-Origin"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer test-token-7d1c0e5a9b2f4e69",
                "Bearer test-token-7d1c0e5a9b2f4e6",
                "Bearer test-token-7d1c0e5a9b2f4e688",
                "Bearer ",
                "Basic test-token-7d1c0e5a9b2f4e68",
                "test-token-7d1c0e5a9b2f4e68"
            })
    void aWrongTokenIsRefused(String authorization) throws Exception {
        HttpResponse<String> response =
                endpoint.post("/decode", sealed, Map.of("Origin", ORIGIN, "Authorization", authorization));

        assertRefused(response, 401);
    }

    @Test
    void theSchemeNameIsCaseInsensitive() throws Exception {
        HttpResponse<String> response = endpoint.post("/decode", sealed, Map.of("Authorization", "bearer " + TOKEN));

        assertEquals(List.of(plain), CodecEndpointClient.payloads(response));
    }

    @Test
    void anotherOriginIsRefusedEvenWithTheToken() throws Exception {
        HttpResponse<String> response = endpoint.post(
                "/decode", sealed, Map.of("Origin", "http://localhost:8234", "Authorization", "Bearer " + TOKEN));

        assertRefused(response, 403);
        assertEquals(Optional.empty(), header(response, "Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), header(response, "Access-Control-Allow-Credentials"));
    }

    @Test
    void aPreflightFromTheUiIsAllowedWithoutCredentials() throws Exception {
        HttpResponse<String> response = endpoint.send(
                "OPTIONS",
                "/decode",
                new byte[0],
                Map.of(
                        "Origin", ORIGIN,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type,x-namespace"));

        assertEquals(204, response.statusCode());
        assertEquals(Optional.of(ORIGIN), header(response, "Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), header(response, "Access-Control-Allow-Credentials"));
        assertEquals(
                Optional.of("Content-Type, X-Namespace, Authorization"),
                header(response, "Access-Control-Allow-Headers"));
        assertEquals(Optional.of("POST, OPTIONS"), header(response, "Access-Control-Allow-Methods"));
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> response = endpoint.send(
                "OPTIONS",
                "/decode",
                new byte[0],
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));

        assertEquals(403, response.statusCode());
        assertEquals(Optional.empty(), header(response, "Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), header(response, "Access-Control-Allow-Headers"));
    }

    @Test
    void onlyPostOnDecodeAndEncodeIsServed() throws Exception {
        assertEquals(
                405, endpoint.send("GET", "/decode", new byte[0], UI_HEADERS).statusCode());
        assertEquals(404, endpoint.post("/decrypt", sealed, UI_HEADERS).statusCode());
        assertEquals(404, endpoint.post("/decode/extra", sealed, UI_HEADERS).statusCode());
    }

    @Test
    void anUnknownKeyIdIsA400NamingIt() throws Exception {
        List<Payload> foreign = new AesGcmPayloadCodec(TestKeys.ring("k7")).encode(List.of(plain));

        HttpResponse<String> response = endpoint.post("/decode", foreign, UI_HEADERS);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("key id 'k7'"), response.body());
    }

    @Test
    void malformedBodiesAreA400NamingTheField() throws Exception {
        HttpResponse<String> notJson = send("not json");
        HttpResponse<String> noPayloads = send("{\"other\":[]}");
        HttpResponse<String> badData = send("{\"payloads\":[{\"metadata\":{},\"data\":\"*\"}]}");
        HttpResponse<String> badMetadata = send("{\"payloads\":[{\"metadata\":{\"encoding\":\"%%\"}}]}");

        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("body must be JSON"), notJson.body());
        assertEquals("payloads: required\n", noPayloads.body());
        assertEquals("payloads[0].data: must be base64 (standard alphabet)\n", badData.body());
        assertEquals("payloads[0].metadata.encoding: must be base64 (standard alphabet)\n", badMetadata.body());
    }

    /** A bug in a codec must not tell the caller anything its message might carry. */
    @Test
    void anUnexpectedCodecErrorIsA500WithoutItsMessage() throws Exception {
        PayloadCodec broken = new PayloadCodec() {
            @Override
            public List<Payload> encode(List<Payload> payloads) {
                throw new IllegalStateException("internal detail " + SECRET);
            }

            @Override
            public List<Payload> decode(List<Payload> payloads) {
                return encode(payloads);
            }
        };
        HttpResponse<String> response;
        try (CodecEndpointClient brokenEndpoint = new CodecEndpointClient(broken)) {
            response = brokenEndpoint.post("/decode", sealed, UI_HEADERS);
        }

        assertEquals(500, response.statusCode());
        assertEquals("the codec failed; see the codec endpoint's log\n", response.body());
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        byte[] body = new byte[CodecEndpoint.MAX_BODY_BYTES + 1];

        HttpResponse<String> response = endpoint.send("POST", "/decode", body, UI_HEADERS);

        assertEquals(413, response.statusCode());
    }

    private HttpResponse<String> send(String body) throws Exception {
        return endpoint.send("POST", "/decode", body.getBytes(StandardCharsets.UTF_8), UI_HEADERS);
    }

    /** A refusal carries no payload, encrypted or not. */
    private static void assertRefused(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode());
        assertFalse(response.body().contains("payloads"), response.body());
    }

    private static Optional<String> header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name);
    }
}
