package io.cutover.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts whole payloads with AES-256-GCM. The plaintext is the original payload's protobuf
 * bytes (metadata included, so the original encoding survives); the encrypted payload's data is
 * {@code nonce (12 bytes) || ciphertext || tag (16 bytes)} and its metadata is {@code encoding:
 * binary/encrypted} plus {@code encryption-key-id}. This is the layout of Temporal's encryption
 * samples, so their codec servers in other languages can read these payloads too.
 *
 * <p>Decoding leaves payloads that are not {@code binary/encrypted} as they are, so histories
 * written before encryption was switched on stay readable.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

    /** The metadata {@code encoding} of an encrypted payload. */
    public static final String ENCODING = "binary/encrypted";

    /** The metadata key naming the key a payload was encrypted with. */
    public static final String KEY_ID_METADATA = "encryption-key-id";

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public AesGcmPayloadCodec(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    /** Whether a payload carries this codec's encoding. */
    public static boolean isEncrypted(Payload payload) {
        return ENCODING_BYTES.equals(payload.getMetadataMap().get(EncodingKeys.METADATA_ENCODING_KEY));
    }

    private Payload encrypt(Payload payload) {
        // A nonce must never repeat under one key; 96 random bits make that a non-issue for far
        // more payloads than a key will ever see (NIST SP 800-38D's 2^32 limit per key).
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plaintext = payload.toByteArray();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            ByteBuffer sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            sealed.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), sealed);
            sealed.flip();
            return Payload.newBuilder()
                    .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
                    .putMetadata(KEY_ID_METADATA, ByteString.copyFromUtf8(keys.activeKeyId()))
                    .setData(ByteString.copyFrom(sealed))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("cannot encrypt a payload with key '" + keys.activeKeyId() + "': " + e, e);
        }
    }

    private Payload decrypt(Payload payload) {
        if (!isEncrypted(payload)) {
            return payload;
        }
        ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID_METADATA);
        if (keyIdBytes == null) {
            throw new PayloadCodecException(
                    "encrypted payload has no '" + KEY_ID_METADATA + "' metadata: cannot pick its key");
        }
        String keyId = keyIdBytes.toStringUtf8();
        SecretKey key = keys.key(keyId);
        ByteBuffer sealed = payload.getData().asReadOnlyByteBuffer();
        if (sealed.remaining() < NONCE_BYTES + TAG_BITS / 8) {
            throw new PayloadCodecException("encrypted payload (key '"
                    + keyId
                    + "') is "
                    + sealed.remaining()
                    + " bytes, shorter than a nonce and a tag: it was truncated");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        sealed.get(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            ByteBuffer plaintext = ByteBuffer.allocate(cipher.getOutputSize(sealed.remaining()));
            cipher.doFinal(sealed, plaintext);
            plaintext.flip();
            return Payload.parseFrom(plaintext);
        } catch (AEADBadTagException e) {
            throw new PayloadCodecException(
                    "encrypted payload (key '"
                            + keyId
                            + "') failed authentication: it was altered, or made with another key of that id",
                    e);
        } catch (InvalidProtocolBufferException e) {
            throw new PayloadCodecException(
                    "encrypted payload (key '" + keyId + "') decrypted to bytes that are not a Payload", e);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("cannot decrypt a payload with key '" + keyId + "': " + e, e);
        }
    }
}
