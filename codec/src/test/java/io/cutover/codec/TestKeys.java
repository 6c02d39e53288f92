package io.cutover.codec;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** Fresh random keys for tests, as {@code id:base64key} entries and key rings. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {}

    /** A fresh base64 key of {@code bytes} random bytes. */
    public static String base64Key(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A key ring with a fresh AES-256 key per id; the first id is active. */
    public static KeyRing ring(String... ids) {
        String entries = Arrays.stream(ids).map(id -> id + ":" + base64Key(32)).collect(Collectors.joining(","));
        return KeyRing.fromEnvironment(Map.of(KeyRing.KEYS_VARIABLE, entries));
    }
}
