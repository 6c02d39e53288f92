package io.cutover.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmPayloadCodecTest {

    private static final String SECRET = "sqlserver://prod-db-7/orders";

    private final KeyRing ring = TestKeys.ring("k1");
    private final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(ring);
    private final Payload plain =
            DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET).orElseThrow();

    @Test
    void encodedPayloadsAreCiphertextThatDecodesToTheOriginal() {
        Payload empty = Payload.newBuilder().build();

        List<Payload> encoded = codec.encode(List.of(plain, empty));

        Payload sealed = encoded.get(0);
        assertEquals("binary/encrypted", metadata(sealed, "encoding"));
        assertEquals("k1", metadata(sealed, "encryption-key-id"));
        assertEquals(2, sealed.getMetadataCount());
        assertFalse(sealed.getData().toStringUtf8().contains("prod-db-7"));
        assertEquals(
                AesGcmPayloadCodec.NONCE_BYTES + plain.getSerializedSize() + 16,
                sealed.getData().size());
        assertEquals(List.of(plain, empty), codec.decode(encoded));
    }

    @Test
    void everyEncodingUsesAFreshNonce() {
        ByteString first = codec.encode(List.of(plain)).get(0).getData();
        ByteString second = codec.encode(List.of(plain)).get(0).getData();

        assertNotEquals(
                first.substring(0, AesGcmPayloadCodec.NONCE_BYTES),
                second.substring(0, AesGcmPayloadCodec.NONCE_BYTES));
        assertNotEquals(first, second);
    }

    /** The layout other languages' codec servers expect: nonce, then ciphertext with its tag. */
    @Test
    void theDataIsNonceThenGcmCiphertextOfThePayloadBytes() throws Exception {
        byte[] data = codec.encode(List.of(plain)).get(0).getData().toByteArray();

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                ring.key("k1"),
                new GCMParameterSpec(128, Arrays.copyOf(data, AesGcmPayloadCodec.NONCE_BYTES)));
        byte[] plaintext =
                cipher.doFinal(data, AesGcmPayloadCodec.NONCE_BYTES, data.length - AesGcmPayloadCodec.NONCE_BYTES);

        assertArrayEquals(plain.toByteArray(), plaintext);
    }

    /** A flipped byte in the nonce, the ciphertext or the tag. */
    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 20, -1})
    void aFlippedByteFailsAuthentication(int position) {
        Payload sealed = codec.encode(List.of(plain)).get(0);
        byte[] data = sealed.getData().toByteArray();
        int index = position < 0 ? data.length + position : position;
        data[index] ^= 0x01;
        Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

        PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));

        assertTrue(e.getMessage().contains("key 'k1') failed authentication"), e.getMessage());
    }

    @Test
    void truncatedDataIsRefusedByName() {
        Payload sealed = codec.encode(List.of(plain)).get(0);
        Payload truncated =
                sealed.toBuilder().setData(sealed.getData().substring(0, 20)).build();

        PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(truncated)));

        assertTrue(e.getMessage().contains("20 bytes"), e.getMessage());
    }

    @Test
    void afterRotationOldPayloadsStillDecodeAndNewOnesUseTheNewKey() {
        String oldKey = TestKeys.base64Key(32);
        String newKey = TestKeys.base64Key(32);
        AesGcmPayloadCodec before = codecWith("2026-10:" + oldKey);
        AesGcmPayloadCodec after = codecWith("2026-11:" + newKey + ",2026-10:" + oldKey);
        Payload madeBefore = before.encode(List.of(plain)).get(0);

        Payload madeAfter = after.encode(List.of(plain)).get(0);

        assertEquals(List.of(plain), after.decode(List.of(madeBefore)));
        assertEquals("2026-11", metadata(madeAfter, "encryption-key-id"));
        assertEquals(List.of(plain), after.decode(List.of(madeAfter)));
    }

    @Test
    void anUnknownKeyIdIsNamedButNoKeyIsShown() {
        String newKey = TestKeys.base64Key(32);
        Payload madeWithK1 = codec.encode(List.of(plain)).get(0);
        AesGcmPayloadCodec withoutK1 = codecWith("k2:" + newKey);

        PayloadCodecException e =
                assertThrows(PayloadCodecException.class, () -> withoutK1.decode(List.of(madeWithK1)));

        assertTrue(
                e.getMessage()
                        .startsWith("payload is encrypted with key id 'k1', which is not in the key ring (ids: k2)"),
                e.getMessage());
        assertFalse(e.getMessage().contains(newKey), e.getMessage());
    }

    @Test
    void anEncryptedPayloadWithoutAKeyIdIsRefused() {
        Payload sealed = codec.encode(List.of(plain)).get(0);
        Payload anonymous =
                sealed.toBuilder().removeMetadata("encryption-key-id").build();

        PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(anonymous)));

        assertTrue(e.getMessage().contains("no 'encryption-key-id'"), e.getMessage());
    }

    /** Histories written before encryption was switched on must stay readable. */
    @Test
    void payloadsThatAreNotEncryptedPassThroughDecodeUnchanged() {
        Payload binary = Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
                .setData(ByteString.copyFromUtf8("raw"))
                .build();

        List<Payload> decoded = codec.decode(List.of(plain, binary));

        assertSame(plain, decoded.get(0));
        assertSame(binary, decoded.get(1));
    }

    private static AesGcmPayloadCodec codecWith(String entries) {
        return new AesGcmPayloadCodec(KeyRing.fromEnvironment(Map.of(KeyRing.KEYS_VARIABLE, entries)));
    }

    private static String metadata(Payload payload, String key) {
        return payload.getMetadataOrThrow(key).toStringUtf8();
    }
}
