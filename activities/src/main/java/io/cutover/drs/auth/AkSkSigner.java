package io.cutover.drs.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Huawei Cloud's {@code SDK-HMAC-SHA256} request signature, as the official
 * {@code com.huaweicloud.sdk.core.auth.AKSKSigner} (huaweicloud-sdk-core 3.1.x) computes it.
 * Written here rather than taken from the SDK because the SDK drags in okhttp 4 and more;
 * a test proves it byte-for-byte against the official signer.
 *
 * <p>The canonical request is: method, the path's segments each URL-encoded and each followed
 * by "/", the query sorted by name, every request header (lower-case name, first value) except
 * Content-Type and names containing '_', plus host and x-sdk-date; then the SHA-256 of the
 * body. The string to sign is the algorithm, the date and the canonical request's hash.
 */
public final class AkSkSigner {

    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    public static final String DATE_HEADER = "X-Sdk-Date";
    static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";
    private static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secretKey;

    public AkSkSigner(String accessKey, String secretKey) {
        this.accessKey = requireText(accessKey, "accessKey");
        this.secretKey = requireText(secretKey, "secretKey").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns {@code request} with {@code X-Sdk-Date} (unless it already has one) and
     * {@code Authorization} added.
     *
     * @param body the exact bytes of the request body, empty for none
     * @param now the signing time
     */
    public Request sign(Request request, byte[] body, Instant now) {
        String date = request.header(DATE_HEADER);
        Request.Builder signed = request.newBuilder();
        if (date == null) {
            date = SDK_DATE.format(now);
            signed.header(DATE_HEADER, date);
        }
        Map<String, String> headers = signedHeaders(request, date);
        String signedHeaderNames = String.join(";", headers.keySet());
        String canonicalRequest = String.join(
                "\n",
                request.method(),
                canonicalUri(request.url()),
                canonicalQuery(request.url()),
                canonicalHeaders(headers),
                signedHeaderNames,
                payloadHash(request, body));
        String stringToSign = String.join("\n", ALGORITHM, date, HEX.formatHex(sha256(canonicalRequest)));
        String signature = HEX.formatHex(hmacSha256(stringToSign));
        return signed.header(
                        "Authorization",
                        String.format(
                                Locale.ROOT,
                                "%s Access=%s, SignedHeaders=%s, Signature=%s",
                                ALGORITHM,
                                accessKey,
                                signedHeaderNames,
                                signature))
                .build();
    }

    private static Map<String, String> signedHeaders(Request request, String date) {
        Map<String, String> headers = new TreeMap<>();
        for (String name : request.headers().names()) {
            if (!name.equalsIgnoreCase("Content-Type") && !name.contains("_")) {
                headers.put(name.toLowerCase(Locale.US), request.headers(name).get(0));
            }
        }
        String host = request.header("Host");
        headers.put("host", host != null ? host : hostHeader(request.url()));
        headers.put(DATE_HEADER.toLowerCase(Locale.US), date);
        return headers;
    }

    /** The Host header okhttp sends for {@code url}: the port only when it is not the default. */
    private static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    private static String canonicalUri(HttpUrl url) {
        if (url.encodedPath().equals("/")) {
            return "/";
        }
        StringBuilder uri = new StringBuilder("/");
        for (String segment : url.pathSegments()) {
            if (!segment.isEmpty()) {
                uri.append(urlEncode(segment)).append('/');
            }
        }
        return uri.toString();
    }

    private static String canonicalQuery(HttpUrl url) {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String name : url.queryParameterNames()) {
            List<String> values = new ArrayList<>();
            for (String value : url.queryParameterValues(name)) {
                values.add(urlEncode(value == null ? "" : value));
            }
            sorted.put(urlEncode(name), values);
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((name, values) -> {
            if (values.isEmpty()) {
                pairs.add(name + "=");
            }
            values.forEach(value -> pairs.add(name + "=" + value));
        });
        return String.join("&", pairs);
    }

    private static String canonicalHeaders(Map<String, String> headers) {
        StringBuilder canonical = new StringBuilder();
        headers.forEach((name, value) ->
                canonical.append(name).append(':').append(value).append('\n'));
        return canonical.toString();
    }

    private static String payloadHash(Request request, byte[] body) {
        String declared = request.header(CONTENT_SHA256_HEADER);
        if (declared != null) {
            return declared;
        }
        return body.length == 0 ? EMPTY_BODY_SHA256 : HEX.formatHex(sha256(body));
    }

    /** URL encoding as the SDK does it: RFC 3986 unreserved characters stay, the rest is %XX. */
    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private byte[] hmacSha256(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + ": must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "AkSkSigner[accessKey=****, secretKey=****]";
    }
}
