package io.cutover.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.worker.SearchAttributeCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine on the build machines, so the deployment files are checked here: they
 * parse, every image is pinned, the worker's environment is exactly the documented configuration,
 * the namespace gets exactly the search attributes the worker checks for, and no two services
 * publish the same host port.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PINNED =
            Pattern.compile("[\\w./-]+:(?!latest$)[\\w.-]+|[\\w./-]+@sha256:[0-9a-f]{64}");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?}");

    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.get("services");
        assertTrue(services != null && services.size() > 0, "docker-compose.yml has services");
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        services.get(service)
                .get("environment")
                .fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        return environment;
    }

    @Test
    void everyImageIsPinnedAndNoneIsLatest() throws IOException {
        List<String> images = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("image")) {
                images.add(s.getValue().get("image").asText());
            } else {
                assertTrue(s.getValue().has("build"), s.getKey() + " has an image or a build");
            }
        });
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .forEach(images::add);
        assertTrue(images.size() >= 8, images.toString());
        for (String image : images) {
            assertTrue(PINNED.matcher(image).matches(), "not pinned: " + image);
        }
    }

    @Test
    void buildTargetsExistInTheDockerfile() throws IOException {
        Set<String> stages = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM ") && line.contains(" AS "))
                .map(line -> line.substring(line.indexOf(" AS ") + 4).strip())
                .collect(Collectors.toSet());
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("build")) {
                assertTrue(
                        stages.contains(s.getValue().get("build").get("target").asText()), s.getKey());
            }
        });
    }

    @Test
    void dockerfileCopiesEveryModulesPomBeforeResolvingDependencies() throws IOException {
        // Maven reads every module of the reactor even with -pl; a module left out breaks the build.
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        int modules = 0;
        while (module.find()) {
            modules++;
            String name = module.group(1);
            assertTrue(
                    dockerfile.contains("COPY " + name + "/pom.xml " + name + "/"),
                    "Dockerfile does not copy " + name + "/pom.xml");
        }
        assertTrue(modules >= 5);
    }

    @Test
    void workerEnvironmentIsExactlyTheDocumentedConfiguration() {
        Set<String> documented =
                Arrays.stream(ConfigKey.values()).map(ConfigKey::envVar).collect(Collectors.toCollection(TreeSet::new));
        Set<String> given = environment("worker").keySet().stream()
                .filter(name -> name.startsWith(ConfigKey.ENV_PREFIX) && !name.equals("CUTOVER_LOG_FORMAT"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented, given);
    }

    @Test
    void everySecretVariableTheWorkerMayBeToldToReadIsPassedThrough() throws IOException {
        Map<String, String> worker = environment("worker");
        Map<String, String> rehearsal = envFile(ROOT.resolve("docs/rehearsal.env"));
        for (Map.Entry<String, String> entry : rehearsal.entrySet()) {
            if (entry.getKey().startsWith(ConfigKey.ENV_PREFIX)) {
                assertTrue(worker.containsKey(entry.getKey()), "rehearsal.env sets an unknown key " + entry.getKey());
                if (entry.getKey().endsWith("_ENV")) {
                    assertTrue(
                            worker.containsKey(entry.getValue()), entry.getValue() + " is not passed into the worker");
                }
            }
        }
        for (String secret : List.of(
                "DRS_TOKEN",
                "IAM_PASSWORD",
                "DRS_ACCESS_KEY",
                "DRS_SECRET_KEY",
                "OBS_ACCESS_KEY",
                "OBS_SECRET_KEY",
                "CODEC_KEYS",
                "CODEC_TOKEN")) {
            assertEquals(
                    "${" + secret + ":-}", worker.get(secret), secret + " comes from the shell, never from the file");
        }
    }

    @Test
    void rehearsalEnvironmentLoadsAsAValidWorkerConfiguration() throws IOException {
        Map<String, String> environment = new HashMap<>(envFile(ROOT.resolve("docs/rehearsal.env")));
        environment.putAll(
                Map.of("CUTOVER_TEMPORAL_ADDRESS", environment("worker").get("CUTOVER_TEMPORAL_ADDRESS")));

        WorkerConfig config = ConfigLoader.load(null, environment);

        assertEquals("drs-simulator", config.drs().endpoint().getHost());
        assertEquals("s3proxy", config.store().obs().endpoint().getHost());
        assertTrue(services.get("drs-simulator").has("profiles"));
        assertEquals(
                "http://0.0.0.0:" + config.store().obs().endpoint().getPort(),
                environment("s3proxy").get("S3PROXY_ENDPOINT"));
    }

    @Test
    void namespaceSetupCreatesExactlyTheAttributesTheWorkerChecks() {
        String command = services.get("temporal-setup").get("command").get(0).asText();
        Matcher pair = Pattern.compile("--name (\\w+) --type (\\w+)").matcher(command);
        Map<String, String> created = new HashMap<>();
        while (pair.find()) {
            created.put(pair.group(1), pair.group(2));
        }
        String expected =
                SearchAttributeCheck.createCommand("x", "y", new ArrayList<>(SearchAttributeCheck.REQUIRED.keySet()));
        Matcher expectedPair = Pattern.compile("--name (\\w+) --type (\\w+)").matcher(expected);
        Map<String, String> required = new HashMap<>();
        while (expectedPair.find()) {
            required.put(expectedPair.group(1), expectedPair.group(2));
        }
        assertEquals(required, created);
    }

    /**
     * The benchmarks' PostgreSQL server (e2e/bench-server) measures what the compose file ships: the
     * same number of history shards, which sets how many workflows' changes are written at once.
     */
    @Test
    void theBenchmarkServerHasTheComposeFilesHistoryShards() throws IOException {
        String composed = environment("temporal").get("NUM_HISTORY_SHARDS");
        assertTrue(composed != null && composed.matches("\\d+"), "NUM_HISTORY_SHARDS is a number: " + composed);
        Matcher benched = Pattern.compile("(?m)^\\s*numHistoryShards:\\s*(\\d+)\\s*$")
                .matcher(Files.readString(ROOT.resolve("e2e/bench-server/config.yaml")));
        assertTrue(benched.find(), "e2e/bench-server/config.yaml sets numHistoryShards");
        assertEquals(composed, benched.group(1), "history shards, compose file vs the benchmarks' server");
    }

    @Test
    void publishedPortsAreConsistentAndDoNotClash() {
        Map<String, String> hostPortOwner = new HashMap<>();
        services.fields().forEachRemaining(s -> {
            JsonNode ports = s.getValue().get("ports");
            if (ports == null) {
                return;
            }
            for (JsonNode port : ports) {
                String[] parts = port.asText().split(":");
                assertEquals(2, parts.length, s.getKey() + " publishes host:container: " + port.asText());
                String previous = hostPortOwner.put(parts[0], s.getKey());
                assertTrue(
                        previous == null, "host port " + parts[0] + " published by " + previous + " and " + s.getKey());
            }
        });
        assertEquals("9464:9464", services.get("worker").get("ports").get(0).asText());
        assertEquals("9464", environment("worker").get("CUTOVER_OPS_PORT"));
        assertEquals("7233:7233", services.get("temporal").get("ports").get(0).asText());
        assertEquals("temporal:7233", environment("worker").get("CUTOVER_TEMPORAL_ADDRESS"));
    }

    @Test
    void onlyVariablesThatCountAsUnsetWhenEmptyAreLeftBlank() {
        for (Map.Entry<String, String> entry : environment("worker").entrySet()) {
            Matcher substitution = SUBSTITUTION.matcher(entry.getValue());
            if (substitution.matches()) {
                assertEquals(
                        entry.getKey(),
                        substitution.group(1),
                        "the worker's " + entry.getKey() + " passes its own variable");
            }
            assertFalse(entry.getValue().contains("${") && !substitution.matches(), entry.getKey());
        }
    }

    @Test
    void encryptionSwitchedOnByAnEnvFileServesTheUisOriginOnThePublishedPort() throws IOException {
        // What README.md tells the operator to put into the codec env file.
        Map<String, String> environment = new HashMap<>(envFile(ROOT.resolve("docs/rehearsal.env")));
        environment.putAll(Map.of(
                "CUTOVER_CODEC_ENABLED", "true",
                "CUTOVER_CODEC_KEYS_ENV", "CODEC_KEYS",
                "CODEC_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]),
                "CUTOVER_CODEC_ENDPOINT_ENABLED", "true",
                "CUTOVER_CODEC_ENDPOINT_TOKEN_ENV", "CODEC_TOKEN",
                "CODEC_TOKEN", "0123456789abcdef0123"));
        Map<String, String> worker = environment("worker");
        for (String fixed : List.of("CUTOVER_CODEC_ENDPOINT_PORT", "CUTOVER_CODEC_ENDPOINT_BIND_ADDRESS")) {
            environment.put(fixed, worker.get(fixed));
        }
        Matcher origin = SUBSTITUTION.matcher(worker.get("CUTOVER_CODEC_ENDPOINT_ALLOWED_ORIGIN"));
        assertTrue(origin.matches());
        environment.put("CUTOVER_CODEC_ENDPOINT_ALLOWED_ORIGIN", origin.group(2).substring(2));

        WorkerConfig.CodecEndpoint endpoint =
                ConfigLoader.load(null, environment).codec().endpoint();

        int uiPort = Integer.parseInt(
                services.get("temporal-ui").get("ports").get(0).asText().split(":")[0]);
        assertEquals("http://localhost:" + uiPort, endpoint.allowedOrigin());
        assertEquals("0.0.0.0", endpoint.bindAddress());
        JsonNode ports = services.get("worker").get("ports");
        assertTrue(ports.toString().contains("\"" + endpoint.port() + ":" + endpoint.port() + "\""), ports.toString());
        assertEquals("${TEMPORAL_CODEC_ENDPOINT:-}", environment("temporal-ui").get("TEMPORAL_CODEC_ENDPOINT"));
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
