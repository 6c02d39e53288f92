package io.cutover.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    @TempDir
    Path dir;

    private final String keyA = TestKeys.base64Key(32);
    private final String keyB = TestKeys.base64Key(32);

    @Test
    void readsCommaSeparatedKeysWithTheFirstActive() {
        KeyRing ring = KeyRing.fromEnvironment(Map.of("CUTOVER_CODEC_KEYS", " k2:" + keyB + " , k1:" + keyA));

        assertEquals("k2", ring.activeKeyId());
        assertEquals(List.of("k2", "k1"), ring.keyIds());
        assertEquals(keyB, encoded(ring, "k2"));
        assertEquals(keyA, encoded(ring, "k1"));
    }

    @Test
    void readsOneKeyPerLineFromAFileSkippingCommentsAndBlankLines() throws IOException {
        Path file = keyFile("# rotated 2026-11\nnew:" + keyB + "\n\nold:" + keyA + "\n");

        KeyRing ring = KeyRing.fromEnvironment(Map.of("CUTOVER_CODEC_KEYS_FILE", file.toString()));

        assertEquals(List.of("new", "old"), ring.keyIds());
        assertEquals(keyA, encoded(ring, "old"));
    }

    @Test
    void keysFromTheVariableComeBeforeKeysFromTheFile() throws IOException {
        Path file = keyFile("old:" + keyA + "\n");

        KeyRing ring = KeyRing.fromEnvironment(
                Map.of("CUTOVER_CODEC_KEYS", "new:" + keyB, "CUTOVER_CODEC_KEYS_FILE", file.toString()));

        assertEquals("new", ring.activeKeyId());
        assertEquals(List.of("new", "old"), ring.keyIds());
    }

    @Test
    void noKeyConfiguredNamesBothVariables() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KeyRing.fromEnvironment(Map.of("CUTOVER_CODEC_KEYS", "  ")));

        assertTrue(e.getMessage().contains("CUTOVER_CODEC_KEYS "), e.getMessage());
        assertTrue(e.getMessage().contains("CUTOVER_CODEC_KEYS_FILE"), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongLengthNamesTheVariableAndTheIdButNotTheKey() {
        String shortKey = TestKeys.base64Key(16);

        String message = loadError(Map.of("CUTOVER_CODEC_KEYS", "k1:" + keyA + ",k2:" + shortKey));

        assertTrue(message.startsWith("CUTOVER_CODEC_KEYS: key 'k2' is 16 bytes"), message);
        assertFalse(message.contains(shortKey), message);
    }

    @Test
    void aBadKeyInTheFileNamesTheFileVariableAndPath() throws IOException {
        Path file = keyFile("k1:" + keyA + "\nk9:" + TestKeys.base64Key(24) + "\n");

        String message = loadError(Map.of("CUTOVER_CODEC_KEYS_FILE", file.toString()));

        assertTrue(message.startsWith("CUTOVER_CODEC_KEYS_FILE (" + file + "): key 'k9'"), message);
    }

    @Test
    void keysThatAreNotBase64AreRefusedByVariableAndId() {
        String message = loadError(Map.of("CUTOVER_CODEC_KEYS", "k1:not*base64!"));

        assertEquals("CUTOVER_CODEC_KEYS: key 'k1' is not valid base64 (standard alphabet, with padding)", message);
    }

    @Test
    void anEntryWithoutAnIdIsRefusedWithoutEchoingIt() {
        String message = loadError(Map.of("CUTOVER_CODEC_KEYS", keyA));

        assertEquals("CUTOVER_CODEC_KEYS: entry 1 has no ':'; each entry must be id:base64key", message);
    }

    @Test
    void keyIdsMustBePlainShortNames() {
        String message = loadError(Map.of("CUTOVER_CODEC_KEYS", "k1:" + keyA + ",key one:" + keyB));

        assertEquals(
                "CUTOVER_CODEC_KEYS: entry 2 has a key id that is not 1 to 64 letters, digits, '.', '_' or" + " '-'",
                message);
    }

    /** Written the wrong way round, the "id" is the key: it must not appear in the error. */
    @Test
    void aSwappedEntryDoesNotEchoTheKey() {
        String message = loadError(Map.of("CUTOVER_CODEC_KEYS", keyA + ":k1"));

        assertTrue(message.startsWith("CUTOVER_CODEC_KEYS: entry 1 has a key id that"), message);
        assertFalse(message.contains(keyA.substring(0, 8)), message);
    }

    @Test
    void aDuplicateIdNamesBothPlacesItIsDefined() throws IOException {
        Path file = keyFile("k1:" + keyB + "\n");

        String message =
                loadError(Map.of("CUTOVER_CODEC_KEYS", "k1:" + keyA, "CUTOVER_CODEC_KEYS_FILE", file.toString()));

        assertEquals(
                "CUTOVER_CODEC_KEYS_FILE (" + file + "): key id 'k1' is already defined in CUTOVER_CODEC_KEYS",
                message);
    }

    @Test
    void aMissingKeyFileNamesTheVariableAndPath() {
        Path missing = dir.resolve("absent");

        String message = loadError(Map.of("CUTOVER_CODEC_KEYS_FILE", missing.toString()));

        assertTrue(message.startsWith("CUTOVER_CODEC_KEYS_FILE (" + missing + "): cannot read"), message);
    }

    @Test
    void toStringShowsIdsButNoKeyMaterial() {
        KeyRing ring = KeyRing.fromEnvironment(Map.of("CUTOVER_CODEC_KEYS", "k2:" + keyB + ",k1:" + keyA));

        assertEquals("KeyRing[active=k2, ids=[k2, k1]]", ring.toString());
    }

    /** Owner-only, as a key file should be (and so the permission warning stays quiet). */
    private Path keyFile(String text) throws IOException {
        Path file = dir.resolve("keys");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String loadError(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> KeyRing.fromEnvironment(env))
                .getMessage();
    }

    private static String encoded(KeyRing ring, String id) {
        return Base64.getEncoder().encodeToString(ring.key(id).getEncoded());
    }
}
