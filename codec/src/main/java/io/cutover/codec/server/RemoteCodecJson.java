package io.cutover.codec.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The body of Temporal's remote codec protocol: the proto3 JSON form of {@code Payloads}, that is
 * {@code {"payloads":[{"metadata":{"key":"<base64>"},"data":"<base64>"}]}}, both ways.
 */
final class RemoteCodecJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record PayloadsBody(List<PayloadBody> payloads) {}

    record PayloadBody(Map<String, String> metadata, String data) {}

    private RemoteCodecJson() {}

    /**
     * Parses a request body.
     *
     * @throws IllegalArgumentException naming the field when the body does not have that shape
     */
    static List<Payload> read(byte[] body) {
        PayloadsBody parsed;
        try {
            parsed = MAPPER.readValue(body, PayloadsBody.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "body must be JSON {\"payloads\":[{\"metadata\":{...},\"data\":\"...\"}]}: "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
        if (parsed == null || parsed.payloads() == null) {
            throw new IllegalArgumentException("payloads: required");
        }
        List<PayloadBody> payloads = parsed.payloads();
        return IntStream.range(0, payloads.size())
                .mapToObj(i -> toPayload("payloads[" + i + "]", payloads.get(i)))
                .toList();
    }

    static byte[] write(List<Payload> payloads) {
        List<PayloadBody> bodies =
                payloads.stream().map(RemoteCodecJson::toBody).toList();
        try {
            return MAPPER.writeValueAsBytes(new PayloadsBody(bodies));
        } catch (IOException e) {
            throw new IllegalStateException("records of strings always serialise", e);
        }
    }

    private static Payload toPayload(String path, PayloadBody body) {
        if (body == null) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        Payload.Builder payload = Payload.newBuilder();
        if (body.metadata() != null) {
            body.metadata().forEach((key, value) -> payload.putMetadata(key, base64(path + ".metadata." + key, value)));
        }
        if (body.data() != null) {
            payload.setData(base64(path + ".data", body.data()));
        }
        return payload.build();
    }

    private static PayloadBody toBody(Payload payload) {
        Map<String, String> metadata = new LinkedHashMap<>();
        payload.getMetadataMap().forEach((key, value) -> metadata.put(key, encode(value)));
        return new PayloadBody(metadata, encode(payload.getData()));
    }

    private static ByteString base64(String path, String text) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text == null ? "" : text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": must be base64 (standard alphabet)");
        }
    }

    private static String encode(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
