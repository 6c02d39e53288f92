package io.cutover.worker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key the worker's configuration file may hold, with its default and meaning. This one
 * list drives parsing (a key not listed here is an error), environment overrides and the
 * documentation, so that the three can never disagree.
 */
public enum ConfigKey {
    TEMPORAL_ADDRESS("temporal.address", "127.0.0.1:7233", "host:port of the Temporal frontend"),
    TEMPORAL_NAMESPACE("temporal.namespace", "default", "Temporal namespace of the campaigns"),
    TEMPORAL_TASK_QUEUE("temporal.taskQueue", "cutover-campaigns", "task queue the worker polls"),
    TEMPORAL_TLS_ENABLED("temporal.tls.enabled", "false", "connect to Temporal over TLS"),
    TEMPORAL_TLS_CA_CERT_FILE(
            "temporal.tls.caCertFile", null, "PEM file of the CA that signed the server's certificate"),
    TEMPORAL_TLS_CLIENT_CERT_FILE(
            "temporal.tls.clientCertFile", null, "PEM client certificate for mTLS (with clientKeyFile)"),
    TEMPORAL_TLS_CLIENT_KEY_FILE(
            "temporal.tls.clientKeyFile", null, "PEM PKCS#8 client key for mTLS (with clientCertFile)"),
    TEMPORAL_TLS_SERVER_NAME(
            "temporal.tls.serverName", null, "name expected in the server's certificate, if not the host"),

    DRS_ENDPOINT("drs.endpoint", null, "DRS endpoint, e.g. https://drs.ap-southeast-1.myhuaweicloud.com"),
    DRS_PROJECT_ID("drs.projectId", null, "project id of the region (the {project_id} in DRS URLs)"),
    DRS_REGION("drs.region", null, "region id, e.g. ap-southeast-1 (AK/SK signing, IAM scope)"),
    DRS_LANGUAGE("drs.language", "en-us", "X-Language header: en-us or zh-cn"),
    DRS_TIMEOUT_SECONDS("drs.timeoutSeconds", "30", "timeout of one DRS HTTP call"),
    DRS_CREATE_VISIBILITY_SECONDS(
            "drs.createVisibilitySeconds",
            "60",
            "after a create whose answer was lost, how long its job may take to be listed before another is made"),
    DRS_AUTH_METHOD("drs.auth.method", "TOKEN", "TOKEN (static X-Auth-Token), PASSWORD or AKSK"),
    DRS_AUTH_TOKEN_ENV("drs.auth.tokenEnv", null, "TOKEN: environment variable holding the token"),
    DRS_AUTH_TOKEN_FILE("drs.auth.tokenFile", null, "TOKEN: file holding the token"),
    DRS_AUTH_IAM_ENDPOINT("drs.auth.iamEndpoint", null, "PASSWORD: IAM endpoint, e.g. https://iam.myhuaweicloud.com"),
    DRS_AUTH_DOMAIN_NAME("drs.auth.domainName", null, "PASSWORD: account (domain) name"),
    DRS_AUTH_USER_NAME("drs.auth.userName", null, "PASSWORD: IAM user name"),
    DRS_AUTH_PASSWORD_ENV("drs.auth.passwordEnv", null, "PASSWORD: environment variable holding the password"),
    DRS_AUTH_PASSWORD_FILE("drs.auth.passwordFile", null, "PASSWORD: file holding the password"),
    DRS_AUTH_ACCESS_KEY_ENV("drs.auth.accessKeyEnv", null, "AKSK: environment variable holding the access key"),
    DRS_AUTH_ACCESS_KEY_FILE("drs.auth.accessKeyFile", null, "AKSK: file holding the access key"),
    DRS_AUTH_SECRET_KEY_ENV("drs.auth.secretKeyEnv", null, "AKSK: environment variable holding the secret key"),
    DRS_AUTH_SECRET_KEY_FILE("drs.auth.secretKeyFile", null, "AKSK: file holding the secret key"),

    STORE_TYPE("store.type", "OBS", "OBS (S3-compatible protocol) or LOCAL (a folder)"),
    STORE_OBS_ENDPOINT("store.obs.endpoint", null, "OBS: endpoint, e.g. https://obs.ap-southeast-1.myhuaweicloud.com"),
    STORE_OBS_REGION("store.obs.region", null, "OBS: region id"),
    STORE_OBS_SIGNATURE(
            "store.obs.signature", "OBS", "OBS: request signing: OBS (Huawei Cloud), V2 or V4 (S3 emulators)"),
    STORE_OBS_PATH_STYLE("store.obs.pathStyle", "false", "OBS: path-style URLs (true for most S3 emulators)"),
    STORE_OBS_ACCESS_KEY_ENV("store.obs.accessKeyEnv", null, "OBS: environment variable holding the access key"),
    STORE_OBS_ACCESS_KEY_FILE("store.obs.accessKeyFile", null, "OBS: file holding the access key"),
    STORE_OBS_SECRET_KEY_ENV("store.obs.secretKeyEnv", null, "OBS: environment variable holding the secret key"),
    STORE_OBS_SECRET_KEY_FILE("store.obs.secretKeyFile", null, "OBS: file holding the secret key"),
    STORE_LOCAL_ROOT("store.local.root", null, "LOCAL: folder whose sub-folders are the buckets (rehearsals)"),

    POLLING_MAX_CONCURRENT_ACTIVITIES("polling.maxConcurrentActivities", "20", "activities this worker runs at once"),
    POLLING_ACTIVITY_POLLERS("polling.activityPollers", "2", "threads polling the task queue for activity tasks"),
    POLLING_WORKFLOW_POLLERS(
            "polling.workflowPollers",
            "16",
            "threads polling the task queue for workflow tasks (each poll hands out one task: a wave's cutover hands"
                    + " out dozens at once)"),

    OPS_PORT("ops.port", "9464", "port of /healthz and /metrics; 0 picks a free port"),
    OPS_BIND_ADDRESS("ops.bindAddress", "0.0.0.0", "address /healthz and /metrics listen on"),

    CODEC_ENABLED(
            "codec.enabled",
            "false",
            "encrypt workflow and activity payloads (AES-256-GCM) before they reach Temporal"),
    CODEC_KEYS_ENV(
            "codec.keysEnv",
            null,
            "environment variable holding the key ring: id:base64key,... (the first key encrypts)"),
    CODEC_KEYS_FILE(
            "codec.keysFile", null, "file holding the key ring, one id:base64key per line (the first key encrypts)"),
    CODEC_ENDPOINT_ENABLED(
            "codec.endpoint.enabled",
            "false",
            "serve the codec endpoint (POST /decode, /encode) for the Temporal UI and CLI"),
    CODEC_ENDPOINT_PORT("codec.endpoint.port", "8888", "port of the codec endpoint; 0 picks a free port"),
    CODEC_ENDPOINT_BIND_ADDRESS("codec.endpoint.bindAddress", "127.0.0.1", "address the codec endpoint listens on"),
    CODEC_ENDPOINT_ALLOWED_ORIGIN(
            "codec.endpoint.allowedOrigin",
            "http://localhost:8233",
            "the Temporal UI's origin (scheme://host[:port]), the only page allowed to call"),
    CODEC_ENDPOINT_TOKEN_ENV(
            "codec.endpoint.tokenEnv", null, "environment variable holding the bearer token callers must present"),
    CODEC_ENDPOINT_TOKEN_FILE("codec.endpoint.tokenFile", null, "file holding the bearer token callers must present");

    /** Prefix of the environment variables that override keys of the file. */
    public static final String ENV_PREFIX = "CUTOVER_";

    private final String path;
    private final String defaultValue;
    private final String description;

    ConfigKey(String path, String defaultValue, String description) {
        this.path = path;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The dotted path of the key in the YAML file, e.g. {@code temporal.taskQueue}. */
    public String path() {
        return path;
    }

    /** The default value, or null when the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /**
     * The environment variable that overrides the key: {@code temporal.taskQueue} becomes {@code
     * CUTOVER_TEMPORAL_TASK_QUEUE} (dots and camel-case humps become underscores).
     */
    public String envVar() {
        String snake = path.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return ENV_PREFIX + snake.toUpperCase(Locale.ROOT);
    }

    public static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(key -> key.path.equals(path)).findFirst();
    }
}
