package io.cutover.drs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The hand-written signer against Huawei's official one: same request, same date, same header. */
class AkSkSignerTest {

    private static final String AK = "HPUAL6QUB2KXXXAKEXAMPLE";
    private static final String SK = "sk-example-0123456789abcdefghijklmnopqrstuv";
    private static final String DATE = "20261128T134500Z";
    private static final Instant NOW = Instant.parse("2026-11-28T13:45:00Z");
    private static final String ENDPOINT = "https://drs.ap-southeast-1.myhuaweicloud.com";
    private static final String PATH = "/v5/054ba152d480d55b2f5dc0069e7ddef0/backup-migration-jobs";

    private final AkSkSigner signer = new AkSkSigner(AK, SK);

    @Test
    void postWithBodyMatchesTheOfficialSigner() {
        String body =
                "{\"base_info\":{\"name\":\"DRS-7527\",\"engine_type\":\"sqlserver\"},\"note\":\"caf\u00e9 \u4e2d\"}";
        Request request = new Request.Builder()
                .url(ENDPOINT + PATH)
                .header("X-Language", "en-us")
                .header("Content-Type", "application/json")
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
                .build();

        String ours =
                signer.sign(request, body.getBytes(StandardCharsets.UTF_8), NOW).header("Authorization");
        String official = official(
                HttpMethod.POST,
                ENDPOINT,
                PATH,
                Map.of(),
                Map.of("X-Language", "en-us", "Content-Type", "application/json"),
                body);

        assertEquals(official, ours);
        assertTrue(ours.startsWith(
                "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=host;x-language;x-sdk-date, Signature="));
    }

    @Test
    void getWithQueryNeedingEncodingMatchesTheOfficialSigner() {
        HttpUrl url = HttpUrl.get(ENDPOINT + PATH)
                .newBuilder()
                .addQueryParameter("offset", "10")
                .addQueryParameter("name", "Camp 1*~/x+y")
                .addQueryParameter("limit", "100")
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("X-Language", "zh-cn")
                .get()
                .build();

        String ours = signer.sign(request, new byte[0], NOW).header("Authorization");
        String official = official(
                HttpMethod.GET,
                ENDPOINT,
                PATH,
                Map.of("offset", List.of("10"), "name", List.of("Camp 1*~/x+y"), "limit", List.of("100")),
                Map.of("X-Language", "zh-cn"),
                "");

        assertEquals(official, ours);
    }

    @Test
    void deleteOnANonDefaultPortMatchesTheOfficialSigner() {
        String endpoint = "http://127.0.0.1:18080";
        String path = PATH + "/0667845a-6291-4e2a-95b0-190c0abjb703";
        Request request = new Request.Builder()
                .url(endpoint + path)
                .header("X-Language", "en-us")
                .delete()
                .build();

        String ours = signer.sign(request, new byte[0], NOW).header("Authorization");
        String official = official(HttpMethod.DELETE, endpoint, path, Map.of(), Map.of("X-Language", "en-us"), "");

        assertEquals(official, ours);
    }

    @Test
    void declaredPayloadHashIsUsedInsteadOfTheBodysAsByTheOfficialSigner() {
        String body = "{\"name\":\"x\"}";
        Request request = new Request.Builder()
                .url(ENDPOINT + PATH + "/job-1")
                .header(AkSkSigner.CONTENT_SHA256_HEADER, "UNSIGNED-PAYLOAD")
                .put(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
                .build();

        String ours =
                signer.sign(request, body.getBytes(StandardCharsets.UTF_8), NOW).header("Authorization");
        String official = official(
                HttpMethod.PUT,
                ENDPOINT,
                PATH + "/job-1",
                Map.of(),
                Map.of(AkSkSigner.CONTENT_SHA256_HEADER, "UNSIGNED-PAYLOAD"),
                body);

        assertEquals(official, ours);
    }

    @Test
    void signatureCoversBodyPathAndDate() {
        Request request = new Request.Builder()
                .url(ENDPOINT + PATH)
                .put(RequestBody.create(new byte[] {'{', '}'}, MediaType.get("application/json")))
                .build();
        String base =
                signer.sign(request, "{}".getBytes(StandardCharsets.UTF_8), NOW).header("Authorization");

        assertNotEquals(
                base,
                signer.sign(request, "{ }".getBytes(StandardCharsets.UTF_8), NOW)
                        .header("Authorization"));
        assertNotEquals(
                base,
                signer.sign(request, "{}".getBytes(StandardCharsets.UTF_8), NOW.plusSeconds(1))
                        .header("Authorization"));
        Request otherPath = request.newBuilder().url(ENDPOINT + PATH + "/x").build();
        assertNotEquals(
                base,
                signer.sign(otherPath, "{}".getBytes(StandardCharsets.UTF_8), NOW)
                        .header("Authorization"));
    }

    @Test
    void addsTheDateHeaderFromTheGivenInstant() {
        Request signed = signer.sign(new Request.Builder().url(ENDPOINT + PATH).build(), new byte[0], NOW);

        assertEquals(DATE, signed.header(AkSkSigner.DATE_HEADER));
    }

    @Test
    void secretKeyIsNeitherInTheHeaderNorInToString() {
        Request signed = signer.sign(new Request.Builder().url(ENDPOINT + PATH).build(), new byte[0], NOW);

        assertFalse(signed.headers().toString().contains(SK));
        assertFalse(signer.toString().contains(SK));
        assertFalse(signer.toString().contains(AK));
        assertFalse(new AkSkAuth(AK, SK, java.time.Clock.systemUTC()).toString().contains(SK));
    }

    /** The official SDK's Authorization header; the date is fixed by passing X-Sdk-Date in. */
    private static String official(
            HttpMethod method,
            String endpoint,
            String path,
            Map<String, List<String>> query,
            Map<String, String> headers,
            String body) {
        HttpRequest.HttpRequestBuilder builder = HttpRequest.newBuilder()
                .withEndpoint(endpoint)
                .withPath(path)
                .withMethod(method)
                .addHeader(AkSkSigner.DATE_HEADER, DATE);
        headers.forEach(builder::addHeader);
        query.forEach(builder::addQueryParam);
        if (!body.isEmpty()) {
            builder.withBodyAsString(body);
        }
        BasicCredentials credentials = new BasicCredentials().withAk(AK).withSk(SK);
        return AKSKSigner.getInstance().sign(builder.build(), credentials).get("Authorization");
    }
}
