package io.cutover.codec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.codec.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecServerOptionsTest {

    private static final String TOKEN = "a-token-of-24-characters";

    @TempDir
    Path dir;

    private final Map<String, String> env =
            new HashMap<>(Map.of("CUTOVER_CODEC_KEYS", "k1:" + TestKeys.base64Key(32), "CUTOVER_CODEC_TOKEN", TOKEN));

    @Test
    void defaultsToLoopbackPort8888AndTheDevServerUi() {
        CodecServerOptions options = CodecServerOptions.fromEnvironment(env);

        assertEquals("127.0.0.1", options.bindAddress());
        assertEquals(8888, options.port());
        assertEquals("http://localhost:8233", options.allowedOrigin());
        assertTrue(options.token().matchesHeader("Bearer " + TOKEN));
    }

    @Test
    void readsAddressPortOriginAndATokenFile() throws IOException {
        Path tokenFile = tokenFile("from-a-file-0123456789\n");
        env.remove("CUTOVER_CODEC_TOKEN");
        env.putAll(Map.of(
                "CUTOVER_CODEC_BIND", "0.0.0.0",
                "CUTOVER_CODEC_PORT", "9443",
                "CUTOVER_CODEC_ALLOWED_ORIGIN", "https://temporal.example.com:8443",
                "CUTOVER_CODEC_TOKEN_FILE", tokenFile.toString()));

        CodecServerOptions options = CodecServerOptions.fromEnvironment(env);

        assertEquals("0.0.0.0", options.bindAddress());
        assertEquals(9443, options.port());
        assertEquals("https://temporal.example.com:8443", options.allowedOrigin());
        assertTrue(options.token().matchesHeader("Bearer from-a-file-0123456789"));
        assertFalse(options.token().matchesHeader("Bearer " + TOKEN));
    }

    @Test
    void aMissingTokenNamesBothVariables() {
        env.remove("CUTOVER_CODEC_TOKEN");

        String message = error();

        assertTrue(
                message.startsWith("no codec endpoint token: set CUTOVER_CODEC_TOKEN or CUTOVER_CODEC_TOKEN_FILE"),
                message);
    }

    @Test
    void aTokenInBothTheVariableAndAFileIsRefused() throws IOException {
        Path tokenFile = tokenFile("another-token-0123456789\n");
        env.put("CUTOVER_CODEC_TOKEN_FILE", tokenFile.toString());

        assertEquals("set CUTOVER_CODEC_TOKEN or CUTOVER_CODEC_TOKEN_FILE, not both", error());
    }

    @Test
    void aShortTokenIsRefusedByVariableWithoutShowingIt() {
        env.put("CUTOVER_CODEC_TOKEN", "short-secret");

        String message = error();

        assertEquals("CUTOVER_CODEC_TOKEN: the token must be at least 16 characters long", message);
    }

    @Test
    void missingKeysAreReportedByTheKeyRing() {
        env.remove("CUTOVER_CODEC_KEYS");

        assertTrue(error().startsWith("no payload encryption key"), error());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:8233/",
                "http://localhost:8233/ui",
                "ftp://localhost",
                "localhost:8233",
                "http://localhost:8233?x=1"
            })
    void anOriginTheBrowserWouldNeverSendIsRefused(String origin) {
        env.put("CUTOVER_CODEC_ALLOWED_ORIGIN", origin);

        String message = error();

        assertTrue(message.startsWith("allowedOrigin (CUTOVER_CODEC_ALLOWED_ORIGIN) must be"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "-1", "65536"})
    void aBadPortNamesTheVariable(String port) {
        env.put("CUTOVER_CODEC_PORT", port);

        assertTrue(error().contains("CUTOVER_CODEC_PORT"), error());
    }

    @Test
    void toStringLeavesOutTheToken() {
        CodecServerOptions options = CodecServerOptions.fromEnvironment(env);

        assertEquals(
                "CodecServerOptions[bindAddress=127.0.0.1, port=8888, allowedOrigin=http://localhost:8233]",
                options.toString());
        assertEquals("BearerToken[(redacted)]", options.token().toString());
    }

    private Path tokenFile(String text) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        return file;
    }

    private String error() {
        return assertThrows(IllegalArgumentException.class, () -> CodecServerOptions.fromEnvironment(env))
                .getMessage();
    }
}
