package io.cutover.codec;

import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys payloads may be encrypted with, by key id. New payloads use the active key;
 * old payloads name the key they were made with, so a key can be rotated by putting a new one
 * first and keeping the old ones for as long as histories made with them must stay readable.
 *
 * <p>{@link #toString()} lists key ids only, never key material.
 */
public final class KeyRing {

    /** Comma- or newline-separated {@code id:base64key} entries; the first one is active. */
    public static final String KEYS_VARIABLE = "CUTOVER_CODEC_KEYS";

    /**
     * A file with one {@code id:base64key} per line ({@code #} starts a comment). When {@link
     * #KEYS_VARIABLE} is set too, its keys come first, so its first key is the active one.
     */
    public static final String KEYS_FILE_VARIABLE = KEYS_VARIABLE + "_FILE";

    /** AES-256. */
    static final int KEY_BYTES = 32;

    /** Key ids travel in payload metadata and error messages: keep them short and plain. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Pattern ENTRY_SEPARATOR = Pattern.compile("[,\\r\\n]+");

    private final String activeKeyId;
    private final Map<String, SecretKey> keysById;

    private KeyRing(String activeKeyId, Map<String, SecretKey> keysById) {
        this.activeKeyId = activeKeyId;
        this.keysById = Collections.unmodifiableMap(keysById);
    }

    /**
     * Loads the keys from {@value #KEYS_VARIABLE} and/or the file named by {@value
     * #KEYS_FILE_VARIABLE}.
     *
     * @param env the process environment ({@code System.getenv()} outside tests)
     * @throws IllegalArgumentException when no key is configured or an entry is malformed; the
     *     message names the variable and the key id, never the key
     */
    public static KeyRing fromEnvironment(Map<String, String> env) {
        List<EnvironmentSecret> sources = EnvironmentSecret.readAll(env, KEYS_VARIABLE);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no payload encryption key: set "
                    + KEYS_VARIABLE
                    + " (id:base64key,...) or "
                    + KEYS_FILE_VARIABLE
                    + " (a file with one id:base64key per line); the first key is the active one");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        Map<String, String> sourceById = new LinkedHashMap<>();
        for (EnvironmentSecret source : sources) {
            List<String> entries = entries(source.value());
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, SecretKey> key = parseEntry(source.source(), i + 1, entries.get(i));
                String earlier = sourceById.putIfAbsent(key.getKey(), source.source());
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            source.source() + ": key id '" + key.getKey() + "' is already defined in " + earlier);
                }
                keys.put(key.getKey(), key.getValue());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(sources.get(0).source() + ": no id:base64key entry found");
        }
        return new KeyRing(keys.keySet().iterator().next(), keys);
    }

    private static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        for (String line : ENTRY_SEPARATOR.split(text)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Parses one {@code id:base64key} entry; {@code source} and the 1-based {@code number} of the
     * entry name it in errors. A malformed entry is never echoed: it may be a key pasted without
     * its id, or with id and key swapped.
     */
    private static Map.Entry<String, SecretKey> parseEntry(String source, int number, String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    source + ": entry " + number + " has no ':'; each entry must be id:base64key");
        }
        String id = entry.substring(0, colon).strip();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(source
                    + ": entry "
                    + number
                    + " has a key id that is not 1 to 64 letters, digits, '.', '_' or '-'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    source + ": key '" + id + "' is not valid base64 (standard alphabet, with padding)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(source
                    + ": key '"
                    + id
                    + "' is "
                    + key.length
                    + " bytes after base64 decoding; AES-256 needs exactly "
                    + KEY_BYTES
                    + " (e.g. openssl rand -base64 32)");
        }
        return Map.entry(id, new SecretKeySpec(key, "AES"));
    }

    /** The id of the key new payloads are encrypted with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** The ids of all keys, the active one first. */
    public List<String> keyIds() {
        return List.copyOf(keysById.keySet());
    }

    SecretKey activeKey() {
        return keysById.get(activeKeyId);
    }

    /**
     * The key a payload names.
     *
     * @throws PayloadCodecException naming the id when the ring does not hold it
     */
    SecretKey key(String keyId) {
        SecretKey key = keysById.get(keyId);
        if (key == null) {
            throw new PayloadCodecException("payload is encrypted with key id '"
                    + keyId
                    + "', which is not in the key ring (ids: "
                    + String.join(", ", keysById.keySet())
                    + "); add that key to "
                    + KEYS_VARIABLE
                    + " or "
                    + KEYS_FILE_VARIABLE);
        }
        return key;
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + activeKeyId + ", ids=" + keysById.keySet() + "]";
    }
}
