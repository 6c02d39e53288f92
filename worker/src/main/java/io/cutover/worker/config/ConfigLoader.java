package io.cutover.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.codec.KeyRing;
import io.cutover.spec.SpecShape;
import io.cutover.worker.config.WorkerConfig.AuthMethod;
import io.cutover.worker.config.WorkerConfig.StoreType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the worker's YAML file, lets environment variables override any key (see {@link
 * ConfigKey#envVar()}), and checks everything before the worker connects anywhere: a bad value
 * fails at once with a message naming the key, not later in the middle of a campaign.
 */
public final class ConfigLoader {

    /** Leaf names that would hold a secret's value; the file must name a source instead. */
    private static final Set<String> SECRET_NAMES =
            Set.of("token", "password", "accesskey", "secretkey", "ak", "sk", "keys");

    private static final Set<String> LANGUAGES = Set.of("en-us", "zh-cn");

    private final Map<ConfigKey, String> values;
    private final Map<String, String> environment;

    private ConfigLoader(Map<ConfigKey, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    /**
     * Loads and checks the configuration.
     *
     * @param file the YAML file, or null to use the defaults and the environment only
     * @param environment the process environment (a map, so that tests can supply their own)
     */
    public static WorkerConfig load(Path file, Map<String, String> environment) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        if (file != null) {
            readFile(file, values);
        }
        for (ConfigKey key : ConfigKey.values()) {
            String override = environment.get(key.envVar());
            // An empty variable counts as unset, so that docker compose's ${VAR:-} passes nothing.
            if (override != null && !override.isBlank()) {
                values.put(key, override);
            } else if (!values.containsKey(key) && key.defaultValue() != null) {
                values.put(key, key.defaultValue());
            }
        }
        return new ConfigLoader(values, environment).build();
    }

    private static void readFile(Path file, Map<ConfigKey, String> values) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": the configuration must be a YAML mapping of keys");
        }
        List<String> problems = new ArrayList<>();
        flatten("", root, values, problems);
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            // Every key that does not fit, at once: the operator fixes the file in one round.
            throw new ConfigException(file + ": " + problems.size() + " problems\n  " + String.join("\n  ", problems));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<ConfigKey, String> values, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(path, value, values, problems);
            } else if (value.isNull()) {
                continue;
            } else if (value.isValueNode()) {
                ConfigKey.byPath(path)
                        .ifPresentOrElse(key -> values.put(key, value.asText()), () -> problems.add(unknownKey(path)));
            } else {
                problems.add(path + ": expected a single value, found a list");
            }
        }
    }

    private static String unknownKey(String path) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (SECRET_NAMES.contains(leaf.toLowerCase(Locale.ROOT))) {
            return path + ": secrets are never read from the configuration file; name where the worker"
                    + " finds it with " + path + "Env (an environment variable) or " + path + "File (a file)";
        }
        String section = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
        List<String> here = Arrays.stream(ConfigKey.values())
                .map(ConfigKey::path)
                .filter(p -> p.startsWith(section))
                .toList();
        return SpecShape.closest(path, here)
                .map(meant -> path + ": unknown configuration key; did you mean " + meant + "?")
                .orElse(path + ": unknown configuration key"
                        + (here.isEmpty() ? "" : "; known here: " + String.join(", ", here)));
    }

    /**
     * Every section is read, whatever the others hold: the problems of the whole configuration are
     * listed at once (the first of each section; a section's later keys often depend on its first).
     */
    private WorkerConfig build() {
        List<String> problems = new ArrayList<>();
        WorkerConfig.Temporal temporal = section(problems, this::temporal);
        WorkerConfig.Drs drs = section(problems, this::drs);
        WorkerConfig.Store store = section(problems, this::store);
        WorkerConfig.Polling polling = section(problems, this::polling);
        WorkerConfig.Ops ops = section(problems, this::ops);
        WorkerConfig.Codec codec = section(problems, this::codec);
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " problems\n  " + String.join("\n  ", problems));
        }
        return new WorkerConfig(temporal, drs, store, polling, ops, codec);
    }

    private static <T> T section(List<String> problems, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private WorkerConfig.Temporal temporal() {
        String address = required(ConfigKey.TEMPORAL_ADDRESS);
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !isPort(address.substring(colon + 1), 1)) {
            throw invalid(ConfigKey.TEMPORAL_ADDRESS, address, "expected host:port, e.g. 127.0.0.1:7233");
        }
        return new WorkerConfig.Temporal(
                address, required(ConfigKey.TEMPORAL_NAMESPACE), required(ConfigKey.TEMPORAL_TASK_QUEUE), tls());
    }

    private WorkerConfig.Tls tls() {
        boolean enabled = bool(ConfigKey.TEMPORAL_TLS_ENABLED);
        Path ca = readableFile(ConfigKey.TEMPORAL_TLS_CA_CERT_FILE);
        Path cert = readableFile(ConfigKey.TEMPORAL_TLS_CLIENT_CERT_FILE);
        Path key = readableFile(ConfigKey.TEMPORAL_TLS_CLIENT_KEY_FILE);
        String serverName = optional(ConfigKey.TEMPORAL_TLS_SERVER_NAME);
        if ((cert == null) != (key == null)) {
            ConfigKey missing =
                    cert == null ? ConfigKey.TEMPORAL_TLS_CLIENT_CERT_FILE : ConfigKey.TEMPORAL_TLS_CLIENT_KEY_FILE;
            throw new ConfigException(missing.path() + ": mutual TLS needs both the client certificate and its key");
        }
        if (!enabled && (ca != null || cert != null || serverName != null)) {
            throw new ConfigException(
                    ConfigKey.TEMPORAL_TLS_ENABLED.path() + ": TLS settings are given but TLS is off; set"
                            + " it to true (or remove the temporal.tls settings)");
        }
        return new WorkerConfig.Tls(enabled, ca, cert, key, serverName);
    }

    private WorkerConfig.Drs drs() {
        String language = required(ConfigKey.DRS_LANGUAGE).toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw invalid(ConfigKey.DRS_LANGUAGE, language, "expected en-us or zh-cn");
        }
        return new WorkerConfig.Drs(
                httpUri(ConfigKey.DRS_ENDPOINT),
                required(ConfigKey.DRS_PROJECT_ID),
                required(ConfigKey.DRS_REGION),
                language,
                Duration.ofSeconds(integer(ConfigKey.DRS_TIMEOUT_SECONDS, 1, 3600)),
                Duration.ofSeconds(integer(ConfigKey.DRS_CREATE_VISIBILITY_SECONDS, 0, 3600)),
                drsAuth());
    }

    private WorkerConfig.DrsAuth drsAuth() {
        AuthMethod method = enumValue(ConfigKey.DRS_AUTH_METHOD, AuthMethod.class);
        forbidUnless(
                method,
                AuthMethod.TOKEN,
                ConfigKey.DRS_AUTH_METHOD,
                ConfigKey.DRS_AUTH_TOKEN_ENV,
                ConfigKey.DRS_AUTH_TOKEN_FILE);
        forbidUnless(
                method,
                AuthMethod.PASSWORD,
                ConfigKey.DRS_AUTH_METHOD,
                ConfigKey.DRS_AUTH_IAM_ENDPOINT,
                ConfigKey.DRS_AUTH_DOMAIN_NAME,
                ConfigKey.DRS_AUTH_USER_NAME,
                ConfigKey.DRS_AUTH_PASSWORD_ENV,
                ConfigKey.DRS_AUTH_PASSWORD_FILE);
        forbidUnless(
                method,
                AuthMethod.AKSK,
                ConfigKey.DRS_AUTH_METHOD,
                ConfigKey.DRS_AUTH_ACCESS_KEY_ENV,
                ConfigKey.DRS_AUTH_ACCESS_KEY_FILE,
                ConfigKey.DRS_AUTH_SECRET_KEY_ENV,
                ConfigKey.DRS_AUTH_SECRET_KEY_FILE);
        return switch (method) {
            case TOKEN ->
                WorkerConfig.DrsAuth.token(secret(ConfigKey.DRS_AUTH_TOKEN_ENV, ConfigKey.DRS_AUTH_TOKEN_FILE));
            case PASSWORD ->
                WorkerConfig.DrsAuth.password(
                        httpUri(ConfigKey.DRS_AUTH_IAM_ENDPOINT),
                        required(ConfigKey.DRS_AUTH_DOMAIN_NAME),
                        required(ConfigKey.DRS_AUTH_USER_NAME),
                        secret(ConfigKey.DRS_AUTH_PASSWORD_ENV, ConfigKey.DRS_AUTH_PASSWORD_FILE));
            case AKSK ->
                WorkerConfig.DrsAuth.akSk(
                        secret(ConfigKey.DRS_AUTH_ACCESS_KEY_ENV, ConfigKey.DRS_AUTH_ACCESS_KEY_FILE),
                        secret(ConfigKey.DRS_AUTH_SECRET_KEY_ENV, ConfigKey.DRS_AUTH_SECRET_KEY_FILE));
        };
    }

    private WorkerConfig.Store store() {
        StoreType type = enumValue(ConfigKey.STORE_TYPE, StoreType.class);
        forbidUnless(type, StoreType.LOCAL, ConfigKey.STORE_TYPE, ConfigKey.STORE_LOCAL_ROOT);
        forbidUnless(
                type,
                StoreType.OBS,
                ConfigKey.STORE_TYPE,
                ConfigKey.STORE_OBS_ENDPOINT,
                ConfigKey.STORE_OBS_REGION,
                ConfigKey.STORE_OBS_ACCESS_KEY_ENV,
                ConfigKey.STORE_OBS_ACCESS_KEY_FILE,
                ConfigKey.STORE_OBS_SECRET_KEY_ENV,
                ConfigKey.STORE_OBS_SECRET_KEY_FILE);
        if (type == StoreType.LOCAL) {
            Path root = Path.of(required(ConfigKey.STORE_LOCAL_ROOT));
            if (!Files.isDirectory(root)) {
                throw invalid(ConfigKey.STORE_LOCAL_ROOT, root.toString(), "not an existing folder");
            }
            return new WorkerConfig.Store(type, null, root);
        }
        WorkerConfig.Obs obs = new WorkerConfig.Obs(
                httpUri(ConfigKey.STORE_OBS_ENDPOINT),
                required(ConfigKey.STORE_OBS_REGION),
                enumValue(ConfigKey.STORE_OBS_SIGNATURE, WorkerConfig.ObsSignature.class),
                bool(ConfigKey.STORE_OBS_PATH_STYLE),
                secret(ConfigKey.STORE_OBS_ACCESS_KEY_ENV, ConfigKey.STORE_OBS_ACCESS_KEY_FILE),
                secret(ConfigKey.STORE_OBS_SECRET_KEY_ENV, ConfigKey.STORE_OBS_SECRET_KEY_FILE));
        return new WorkerConfig.Store(type, obs, null);
    }

    private WorkerConfig.Polling polling() {
        return new WorkerConfig.Polling(
                integer(ConfigKey.POLLING_MAX_CONCURRENT_ACTIVITIES, 1, 10_000),
                integer(ConfigKey.POLLING_ACTIVITY_POLLERS, 1, 100),
                integer(ConfigKey.POLLING_WORKFLOW_POLLERS, 1, 100));
    }

    private WorkerConfig.Ops ops() {
        return new WorkerConfig.Ops(required(ConfigKey.OPS_BIND_ADDRESS), integer(ConfigKey.OPS_PORT, 0, 65_535));
    }

    /**
     * Payload encryption. The key ring and the endpoint's token are read and checked here, so that a
     * short key or a missing token stops the worker before it writes a single payload.
     */
    private WorkerConfig.Codec codec() {
        boolean enabled = bool(ConfigKey.CODEC_ENABLED);
        boolean endpointEnabled = bool(ConfigKey.CODEC_ENDPOINT_ENABLED);
        forbidUnless(enabled, true, ConfigKey.CODEC_ENABLED, ConfigKey.CODEC_KEYS_ENV, ConfigKey.CODEC_KEYS_FILE);
        forbidUnless(
                endpointEnabled,
                true,
                ConfigKey.CODEC_ENDPOINT_ENABLED,
                ConfigKey.CODEC_ENDPOINT_TOKEN_ENV,
                ConfigKey.CODEC_ENDPOINT_TOKEN_FILE);
        if (endpointEnabled && !enabled) {
            throw new ConfigException(ConfigKey.CODEC_ENDPOINT_ENABLED.path() + ": the codec endpoint decrypts with the"
                    + " worker's key ring, so it needs " + ConfigKey.CODEC_ENABLED.path() + ": true");
        }
        if (!enabled) {
            return WorkerConfig.Codec.DISABLED;
        }
        WorkerConfig.CodecEndpoint endpoint = endpointEnabled
                ? new WorkerConfig.CodecEndpoint(
                        required(ConfigKey.CODEC_ENDPOINT_BIND_ADDRESS),
                        integer(ConfigKey.CODEC_ENDPOINT_PORT, 0, 65_535),
                        required(ConfigKey.CODEC_ENDPOINT_ALLOWED_ORIGIN),
                        secret(ConfigKey.CODEC_ENDPOINT_TOKEN_ENV, ConfigKey.CODEC_ENDPOINT_TOKEN_FILE))
                : null;
        WorkerConfig.Codec codec =
                new WorkerConfig.Codec(true, secret(ConfigKey.CODEC_KEYS_ENV, ConfigKey.CODEC_KEYS_FILE), endpoint);
        KeyRing keys = codec.keyRing(environment);
        if (endpoint != null) {
            endpoint.serverOptions(keys, environment);
        }
        return codec;
    }

    // ---- typed readers; each failure names the key and the environment variable ----

    private String optional(ConfigKey key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String required(ConfigKey key) {
        String value = optional(key);
        if (value == null) {
            throw new ConfigException(key.path() + ": required (" + key.description()
                    + "); set it in the file or export " + key.envVar());
        }
        return value;
    }

    private boolean bool(ConfigKey key) {
        String value = required(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalid(key, value, "expected true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private int integer(ConfigKey key, int min, int max) {
        String value = required(key);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw invalid(key, value, "expected a whole number from " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "expected a whole number from " + min + " to " + max);
        }
    }

    private <E extends Enum<E>> E enumValue(ConfigKey key, Class<E> type) {
        String value = required(key);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw invalid(key, value, "expected one of " + allowed);
        }
    }

    private URI httpUri(ConfigKey key) {
        String value = required(key);
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid(key, value, "expected an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key, value, "expected an http(s) URL with a host");
        }
    }

    private Path readableFile(ConfigKey key) {
        String value = optional(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw invalid(key, value, "not a readable file");
        }
        return path;
    }

    /**
     * A secret's source: exactly one of the variable and the file. It is resolved once here so that
     * a missing secret stops the worker at start, and the value is dropped at once.
     */
    private SecretRef secret(ConfigKey envKey, ConfigKey fileKey) {
        String envVar = optional(envKey);
        String file = optional(fileKey);
        if ((envVar == null) == (file == null)) {
            throw new ConfigException(
                    envKey.path() + " / " + fileKey.path() + ": give exactly one of the two (the name of an"
                            + " environment variable, or a file), never the secret itself");
        }
        SecretRef ref = envVar != null
                ? new SecretRef(envKey.path(), envVar, null)
                : new SecretRef(fileKey.path(), null, Path.of(file));
        ref.resolve(environment);
        return ref;
    }

    /** Rejects keys that belong to another choice: they are a sign of a half-edited file. */
    private void forbidUnless(Object chosen, Object owner, ConfigKey selector, ConfigKey... keys) {
        if (chosen.equals(owner)) {
            return;
        }
        for (ConfigKey key : keys) {
            if (optional(key) != null) {
                throw new ConfigException(key.path() + ": only used when " + selector.path() + " is " + owner
                        + " (it is " + chosen + "); remove it or change " + selector.path());
            }
        }
    }

    private static ConfigException invalid(ConfigKey key, String value, String rule) {
        return new ConfigException(key.path() + ": '" + value + "' is not valid: " + rule + " (file key " + key.path()
                + " or environment " + key.envVar() + ")");
    }

    private static boolean isPort(String text, int min) {
        try {
            int port = Integer.parseInt(text);
            return port >= min && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
