package io.cutover.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.worker.config.WorkerConfig.AuthMethod;
import io.cutover.worker.config.WorkerConfig.StoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String TOKEN = "MIIEhwYJKoZIhvcNAQcCoIIEeDCCBHQCAQEx-secret-token";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("DRS_TOKEN", TOKEN));

    /** The smallest configuration that loads (the local store's root to be filled in). */
    static final String MINIMAL = """
      drs:
        endpoint: https://drs.ap-southeast-1.myhuaweicloud.com
        projectId: 0123456789abcdef0123456789abcdef
        region: ap-southeast-1
        auth:
          method: TOKEN
          tokenEnv: DRS_TOKEN
      store:
        type: LOCAL
        local:
          root: %s
      """;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("worker.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Path minimal() throws IOException {
        return write(MINIMAL.formatted(dir));
    }

    private String failure(Path file) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env))
                .getMessage();
    }

    @Test
    void minimalFileLoadsWithDocumentedDefaults() throws IOException {
        WorkerConfig config = ConfigLoader.load(minimal(), env);

        assertEquals("127.0.0.1:7233", config.temporal().address());
        assertEquals("default", config.temporal().namespace());
        assertEquals("cutover-campaigns", config.temporal().taskQueue());
        assertFalse(config.temporal().tls().enabled());
        assertEquals("en-us", config.drs().language());
        assertEquals(Duration.ofSeconds(30), config.drs().timeout());
        assertEquals(
                Duration.ofSeconds(60),
                config.drs().createVisibility(),
                "a lost create's job may take a minute to be listed");
        assertEquals(AuthMethod.TOKEN, config.drs().auth().method());
        assertEquals(TOKEN, config.drs().auth().token().resolve(env));
        assertEquals(StoreType.LOCAL, config.store().type());
        assertEquals(dir, config.store().localRoot());
        assertEquals(9464, config.ops().port());
        assertEquals(20, config.polling().maxConcurrentActivities());
        assertEquals(
                16,
                config.polling().workflowPollers(),
                "a wave's cutover hands out dozens of workflow tasks at once, one per poll");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        env.put("CUTOVER_TEMPORAL_ADDRESS", "temporal.internal:7233");
        env.put("CUTOVER_TEMPORAL_TASK_QUEUE", "cutover-prod");
        env.put("CUTOVER_DRS_REGION", "cn-north-4");

        WorkerConfig config = ConfigLoader.load(minimal(), env);

        assertEquals("temporal.internal:7233", config.temporal().address());
        assertEquals("cutover-prod", config.temporal().taskQueue());
        assertEquals("cn-north-4", config.drs().region());
    }

    @Test
    void emptyVariableCountsAsUnset() throws IOException {
        env.put("CUTOVER_DRS_LANGUAGE", "");
        env.put("CUTOVER_TEMPORAL_ADDRESS", "  ");

        WorkerConfig config = ConfigLoader.load(minimal(), env);

        assertEquals("en-us", config.drs().language());
        assertEquals("127.0.0.1:7233", config.temporal().address());
    }

    @Test
    void environmentAloneIsEnoughWithoutAFile() {
        env.putAll(Map.of(
                "CUTOVER_DRS_ENDPOINT", "https://drs.example.test",
                "CUTOVER_DRS_PROJECT_ID", "p1",
                "CUTOVER_DRS_REGION", "r1",
                "CUTOVER_DRS_AUTH_TOKEN_ENV", "DRS_TOKEN",
                "CUTOVER_STORE_TYPE", "local",
                "CUTOVER_STORE_LOCAL_ROOT", dir.toString()));

        WorkerConfig config = ConfigLoader.load(null, env);

        assertEquals("p1", config.drs().projectId());
        assertEquals(StoreType.LOCAL, config.store().type());
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertEquals("CUTOVER_TEMPORAL_TASK_QUEUE", ConfigKey.TEMPORAL_TASK_QUEUE.envVar());
        assertEquals("CUTOVER_TEMPORAL_TLS_CA_CERT_FILE", ConfigKey.TEMPORAL_TLS_CA_CERT_FILE.envVar());
        assertEquals("CUTOVER_STORE_OBS_PATH_STYLE", ConfigKey.STORE_OBS_PATH_STYLE.envVar());
        assertEquals("CUTOVER_OPS_PORT", ConfigKey.OPS_PORT.envVar());
    }

    /** Bad values in different sections are named together, each with its key. */
    @Test
    void badValuesOfDifferentSectionsAreNamedTogether() throws IOException {
        String message =
                failure(write(MINIMAL.formatted(dir) + "polling:\n  workflowPollers: 0\nops:\n  port: 99999\n"));

        assertTrue(message.startsWith("2 problems"), message);
        assertTrue(message.contains("polling.workflowPollers: '0' is not valid"), message);
        assertTrue(message.contains("ops.port: '99999' is not valid"), message);
    }

    @Test
    void unknownKeysAreNamedAllAtOnceWithTheOnesMeant() throws IOException {
        String message = failure(write(MINIMAL.formatted(dir)
                + "temporal:\n  adress: x:1\npolling:\n  workflowPoller: 4\nops:\n  colour: blue\n"));

        assertTrue(message.contains("3 problems"), message);
        assertTrue(
                message.contains("temporal.adress: unknown configuration key; did you mean temporal.address?"),
                message);
        assertTrue(
                message.contains("polling.workflowPoller: unknown configuration key; did you mean"
                        + " polling.workflowPollers?"),
                message);
        assertTrue(message.contains("ops.colour: unknown configuration key; known here: "), message);
    }

    @Test
    void secretValueInTheFileIsRefusedAndTheRightKeyIsSuggested() throws IOException {
        String yaml = MINIMAL.formatted(dir).replace("tokenEnv: DRS_TOKEN", "token: " + TOKEN);

        String message = failure(write(yaml));

        assertTrue(message.startsWith("drs.auth.token: secrets are never read"), message);
        assertTrue(message.contains("drs.auth.tokenEnv"), message);
        assertFalse(message.contains(TOKEN), message);
    }

    @Test
    void obsSecretKeyValueInTheFileIsRefused() throws IOException {
        String message = failure(write("store:\n  obs:\n    secretKey: abc\n"));

        assertTrue(message.startsWith("store.obs.secretKey: secrets are never read"), message);
    }

    @Test
    void missingRequiredKeyNamesTheKeyAndItsVariable() throws IOException {
        String message = failure(write(MINIMAL.formatted(dir).replace("  projectId:", "  #projectId:")));

        assertTrue(message.startsWith("drs.projectId: required"), message);
        assertTrue(message.contains("CUTOVER_DRS_PROJECT_ID"), message);
    }

    @Test
    void unsetSecretVariableFailsAtLoadNamingKeyAndVariable() throws IOException {
        env.remove("DRS_TOKEN");

        String message = failure(minimal());

        assertTrue(message.startsWith("drs.auth.tokenEnv:"), message);
        assertTrue(message.contains("DRS_TOKEN is not set"), message);
    }

    @Test
    void secretFromAFileIsReadTrimmedAndNeverPrinted() throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        String yaml = MINIMAL.formatted(dir).replace("tokenEnv: DRS_TOKEN", "tokenFile: " + tokenFile);

        WorkerConfig config = ConfigLoader.load(write(yaml), env);

        assertEquals(TOKEN, config.drs().auth().token().resolve(env));
        assertFalse(config.toString().contains(TOKEN), config.toString());
        assertTrue(config.toString().contains("file:" + tokenFile), config.toString());
    }

    @Test
    void toStringShowsWhereSecretsComeFromNeverTheirValues() throws IOException {
        env.putAll(Map.of("AK", "AKIDEXAMPLE1234", "SK", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"));
        String yaml = MINIMAL.formatted(dir)
                .replace(
                        "method: TOKEN\n    tokenEnv: DRS_TOKEN",
                        "method: AKSK\n    accessKeyEnv: AK\n    secretKeyEnv: SK");

        String printed = ConfigLoader.load(write(yaml), env).toString();

        assertFalse(printed.contains("AKIDEXAMPLE1234"), printed);
        assertFalse(printed.contains("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"), printed);
        assertTrue(printed.contains("env:SK"), printed);
    }

    @Test
    void secretNeedsExactlyOneSource() throws IOException {
        String yaml = MINIMAL.formatted(dir).replace("tokenEnv: DRS_TOKEN", "tokenEnv: DRS_TOKEN\n    tokenFile: /x");

        assertTrue(failure(write(yaml)).startsWith("drs.auth.tokenEnv / drs.auth.tokenFile: give exactly one"));
        assertTrue(failure(write(MINIMAL.formatted(dir).replace("tokenEnv: DRS_TOKEN", "")))
                .startsWith("drs.auth.tokenEnv / drs.auth.tokenFile: give exactly one"));
    }

    @Test
    void passwordMethodNeedsIamEndpointDomainUserAndPassword() throws IOException {
        env.put("IAM_PASSWORD", "hunter2-very-secret");
        String password = "method: PASSWORD\n    iamEndpoint: https://iam.myhuaweicloud.com\n"
                + "    domainName: acme\n    userName: dba\n    passwordEnv: IAM_PASSWORD";
        String yaml = MINIMAL.formatted(dir).replace("method: TOKEN\n    tokenEnv: DRS_TOKEN", password);

        WorkerConfig config = ConfigLoader.load(write(yaml), env);
        assertEquals("acme", config.drs().auth().domainName());
        assertNull(config.drs().auth().token());

        String withoutUser = yaml.replace("    userName: dba\n", "");
        assertTrue(failure(write(withoutUser)).startsWith("drs.auth.userName: required"));
    }

    @Test
    void keysOfAnotherAuthMethodAreRefused() throws IOException {
        String yaml =
                MINIMAL.formatted(dir).replace("tokenEnv: DRS_TOKEN", "tokenEnv: DRS_TOKEN\n    secretKeyEnv: SK");

        String message = failure(write(yaml));

        assertTrue(message.startsWith("drs.auth.secretKeyEnv: only used when drs.auth.method is AKSK"), message);
    }

    @Test
    void badValuesNameTheKeyAndTheRule() throws IOException {
        Path file = minimal();
        assertBad(file, "CUTOVER_TEMPORAL_ADDRESS", "localhost", "temporal.address: 'localhost' is not valid");
        assertBad(file, "CUTOVER_TEMPORAL_ADDRESS", "h:99999", "temporal.address: 'h:99999' is not valid");
        assertBad(
                file,
                "CUTOVER_OPS_PORT",
                "70000",
                "ops.port: '70000' is not valid: expected a whole number from 0 to 65535");
        assertBad(file, "CUTOVER_OPS_PORT", "http", "ops.port: 'http' is not valid");
        assertBad(
                file,
                "CUTOVER_TEMPORAL_TLS_ENABLED",
                "yes",
                "temporal.tls.enabled: 'yes' is not valid: expected true or false");
        assertBad(
                file,
                "CUTOVER_DRS_AUTH_METHOD",
                "oauth",
                "drs.auth.method: 'oauth' is not valid: expected one of [TOKEN, PASSWORD, AKSK]");
        assertBad(file, "CUTOVER_DRS_ENDPOINT", "drs.example.com", "drs.endpoint: 'drs.example.com' is not valid");
        assertBad(file, "CUTOVER_DRS_LANGUAGE", "fr-fr", "drs.language: 'fr-fr' is not valid");
        assertBad(file, "CUTOVER_POLLING_ACTIVITY_POLLERS", "0", "polling.activityPollers: '0' is not valid");
        assertBad(file, "CUTOVER_STORE_LOCAL_ROOT", dir.resolve("missing").toString(), "store.local.root:");
    }

    private void assertBad(Path file, String variable, String value, String expectedStart) {
        env.put(variable, value);
        try {
            String message = failure(file);
            assertTrue(message.startsWith(expectedStart), message);
            assertTrue(message.contains(variable), message);
        } finally {
            env.remove(variable);
        }
    }

    @Test
    void mutualTlsNeedsCertificateAndKeyAndTlsOn() throws IOException {
        Path cert = Files.writeString(dir.resolve("client.pem"), "cert");
        Path key = Files.writeString(dir.resolve("client.key"), "key");
        String tls = MINIMAL.formatted(dir) + "temporal:\n  tls:\n    enabled: true\n";

        WorkerConfig mutual = ConfigLoader.load(
                write(tls + "    clientCertFile: " + cert + "\n    clientKeyFile: " + key + "\n"), env);
        assertTrue(mutual.temporal().tls().mutual());

        assertTrue(failure(write(tls + "    clientCertFile: " + cert + "\n"))
                .startsWith("temporal.tls.clientKeyFile: mutual TLS needs both"));
        assertTrue(failure(write(tls + "    caCertFile: " + dir.resolve("nope.pem") + "\n"))
                .startsWith("temporal.tls.caCertFile: '"));
        String tlsOff = MINIMAL.formatted(dir) + "temporal:\n  tls:\n    caCertFile: " + cert + "\n";
        assertTrue(failure(write(tlsOff)).startsWith("temporal.tls.enabled: TLS settings are given but TLS is off"));
    }

    @Test
    void obsStoreNeedsEndpointRegionAndBothKeys() throws IOException {
        env.putAll(Map.of("OBS_AK", "ak", "OBS_SK", "sk"));
        String obs = MINIMAL.formatted(dir)
                .replace(
                        "type: LOCAL\n  local:\n    root: " + dir,
                        "type: OBS\n  obs:\n    endpoint: http://127.0.0.1:9000\n    region: r1\n"
                                + "    pathStyle: true\n    accessKeyEnv: OBS_AK\n    secretKeyEnv: OBS_SK");

        WorkerConfig config = ConfigLoader.load(write(obs), env);
        assertTrue(config.store().obs().pathStyle());
        assertEquals(WorkerConfig.ObsSignature.OBS, config.store().obs().signature());
        assertEquals(
                WorkerConfig.ObsSignature.V4,
                ConfigLoader.load(write(obs.replace("pathStyle: true", "pathStyle: true\n    signature: v4")), env)
                        .store()
                        .obs()
                        .signature());
        assertTrue(failure(write(obs.replace("pathStyle: true", "pathStyle: true\n    signature: v3")))
                .startsWith("store.obs.signature: 'v3' is not valid: expected one of [OBS, V2, V4]"));
        assertEquals("sk", config.store().obs().secretKey().resolve(env));

        assertTrue(failure(write(obs.replace("    region: r1\n", ""))).startsWith("store.obs.region: required"));
        String withRoot = obs + "  local:\n    root: " + dir + "\n";
        assertTrue(failure(write(withRoot)).startsWith("store.local.root: only used when store.type is LOCAL"));
    }

    @Test
    void listWhereAValueBelongsIsRefused() throws IOException {
        String message = failure(write("temporal:\n  namespace: [a, b]\n"));

        assertTrue(message.startsWith("temporal.namespace: expected a single value"), message);
    }

    @Test
    void everyKeyIsDocumentedAndEnvironmentNamesAreUnique() {
        long distinct = java.util.Arrays.stream(ConfigKey.values())
                .map(ConfigKey::envVar)
                .distinct()
                .count();
        assertEquals(ConfigKey.values().length, distinct);
        for (ConfigKey key : ConfigKey.values()) {
            assertFalse(key.description().isBlank(), key.path());
            assertEquals(key, ConfigKey.byPath(key.path()).orElseThrow());
        }
    }

    @Test
    void documentedExampleLoads() throws IOException {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        String example =
                Files.readString(Path.of("../docs/worker.example.yaml")).replace("/etc/cutover/tls", tls.toString());
        for (String pem : new String[] {"ca.pem", "client.pem", "client.key"}) {
            Files.writeString(tls.resolve(pem), pem);
        }
        env.putAll(Map.of(
                "DRS_ACCESS_KEY", "ak", "DRS_SECRET_KEY", "sk", "OBS_ACCESS_KEY", "oak", "OBS_SECRET_KEY", "osk"));

        WorkerConfig config = ConfigLoader.load(write(example), env);

        assertEquals(AuthMethod.AKSK, config.drs().auth().method());
        assertTrue(config.temporal().tls().mutual());
        assertEquals(StoreType.OBS, config.store().type());
    }

    @Test
    void everyKeyIsInTheOperatorsGuide() throws IOException {
        String guide = Files.readString(Path.of("../README.md"));
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(guide.contains("| `" + key.path() + "` | `" + key.envVar() + "` |"), key.path());
        }
    }

    // ---- payload encryption ----

    private static final String KEY_32 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_16 = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String CODEC_TOKEN = "0123456789abcdef-codec";

    private Path withCodec(String codecYaml) throws IOException {
        return write(MINIMAL.formatted(dir) + "codec:\n" + codecYaml);
    }

    @Test
    void encryptionIsOffByDefault() throws IOException {
        WorkerConfig config = ConfigLoader.load(minimal(), env);

        assertFalse(config.codec().enabled());
        assertNull(config.codec().keys());
        assertNull(config.codec().endpoint());
    }

    @Test
    void encryptionWithAKeyRingFromAVariableAndAnEndpoint() throws IOException {
        env.put("PAYLOAD_KEYS", "k2:" + KEY_32 + ",k1:" + KEY_32);
        env.put("CODEC_TOKEN", CODEC_TOKEN);
        Path file = withCodec("""
              enabled: true
              keysEnv: PAYLOAD_KEYS
              endpoint:
                enabled: true
                tokenEnv: CODEC_TOKEN
            """);

        WorkerConfig config = ConfigLoader.load(file, env);

        assertEquals("env:PAYLOAD_KEYS", config.codec().keys().toString());
        assertEquals(List.of("k2", "k1"), config.codec().keyRing(env).keyIds());
        WorkerConfig.CodecEndpoint endpoint = config.codec().endpoint();
        assertEquals("127.0.0.1", endpoint.bindAddress());
        assertEquals(8888, endpoint.port());
        assertEquals("http://localhost:8233", endpoint.allowedOrigin());
        assertFalse(config.toString().contains(KEY_32), config.toString());
        assertFalse(config.toString().contains(CODEC_TOKEN), config.toString());
    }

    @Test
    void encryptionWithAKeyRingFileSetByTheEnvironment() throws IOException {
        Path keys = Files.writeString(dir.resolve("keys"), "# rotated 2026-11\nk2:" + KEY_32 + "\nk1:" + KEY_32 + "\n");
        env.put("CUTOVER_CODEC_ENABLED", "true");
        env.put("CUTOVER_CODEC_KEYS_FILE", keys.toString());

        WorkerConfig config = ConfigLoader.load(minimal(), env);

        assertEquals("k2", config.codec().keyRing(env).activeKeyId());
        assertNull(config.codec().endpoint());
    }

    @Test
    void badEncryptionSettingsStopTheWorkerNamingTheKey() throws IOException {
        env.put("SHORT_KEYS", "k1:" + KEY_16);
        env.put("CODEC_TOKEN", CODEC_TOKEN);
        env.put("PAYLOAD_KEYS", "k1:" + KEY_32);

        String noRing = failure(withCodec("  enabled: true\n"));
        assertTrue(noRing.startsWith("codec.keysEnv / codec.keysFile: give exactly one"), noRing);

        String unset = failure(withCodec("  enabled: true\n  keysEnv: NOT_EXPORTED\n"));
        assertTrue(unset.startsWith("codec.keysEnv: the environment variable NOT_EXPORTED is not set"), unset);

        String shortKey = failure(withCodec("  enabled: true\n  keysEnv: SHORT_KEYS\n"));
        assertTrue(shortKey.startsWith("codec.keysEnv (env:SHORT_KEYS): key 'k1' is 16 bytes"), shortKey);
        assertTrue(shortKey.contains("AES-256 needs exactly 32"), shortKey);
        assertFalse(shortKey.contains(KEY_16), shortKey);

        String inline = failure(withCodec("  enabled: true\n  keys: k1:" + KEY_32 + "\n"));
        assertTrue(inline.startsWith("codec.keys: secrets are never read from the configuration file"), inline);
        assertFalse(inline.contains(KEY_32), inline);

        String keysWhileOff = failure(withCodec("  keysEnv: PAYLOAD_KEYS\n"));
        assertTrue(keysWhileOff.startsWith("codec.keysEnv: only used when codec.enabled is true"), keysWhileOff);

        String endpointWhileOff = failure(withCodec("  endpoint:\n    enabled: true\n"));
        assertTrue(
                endpointWhileOff.startsWith(
                        "codec.endpoint.enabled: the codec endpoint decrypts with the worker's key ring"),
                endpointWhileOff);

        String on = "  enabled: true\n  keysEnv: PAYLOAD_KEYS\n  endpoint:\n    enabled: true\n";
        String noToken = failure(withCodec(on));
        assertTrue(noToken.startsWith("codec.endpoint.tokenEnv / codec.endpoint.tokenFile: give exactly one"), noToken);

        env.put("SHORT_TOKEN", "short");
        String shortToken = failure(withCodec(on + "    tokenEnv: SHORT_TOKEN\n"));
        assertTrue(
                shortToken.startsWith("codec.endpoint.tokenEnv (env:SHORT_TOKEN): the token must be at least 16"),
                shortToken);

        String slash =
                failure(withCodec(on + "    tokenEnv: CODEC_TOKEN\n    allowedOrigin: http://localhost:8080/\n"));
        assertTrue(slash.startsWith("codec.endpoint.allowedOrigin: 'http://localhost:8080/' is not valid"), slash);

        String tokenWhileEndpointOff = failure(
                withCodec("  enabled: true\n  keysEnv: PAYLOAD_KEYS\n  endpoint:\n    tokenEnv: CODEC_TOKEN\n"));
        assertTrue(
                tokenWhileEndpointOff.startsWith(
                        "codec.endpoint.tokenEnv: only used when codec.endpoint.enabled is true"),
                tokenWhileEndpointOff);
    }
}
