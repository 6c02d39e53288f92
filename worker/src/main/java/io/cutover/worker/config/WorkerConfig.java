package io.cutover.worker.config;

import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.codec.KeyRing;
import io.cutover.codec.server.BearerToken;
import io.cutover.codec.server.CodecServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The worker's configuration, as loaded and checked by {@link ConfigLoader}. It holds no secret
 * value, only {@link SecretRef}s, so its {@code toString} is safe to log.
 */
public record WorkerConfig(Temporal temporal, Drs drs, Store store, Polling polling, Ops ops, Codec codec) {

    /** The connection to Temporal. */
    public record Temporal(String address, String namespace, String taskQueue, Tls tls) {}

    /**
     * TLS to the Temporal frontend; with a client certificate and key, mutual TLS.
     *
     * @param caCertFile the CA's PEM, or null to trust the JDK's default CAs
     * @param clientCertFile the client certificate's PEM, or null without mTLS
     * @param clientKeyFile the client key's PEM (PKCS#8), or null without mTLS
     * @param serverName the name to check in the server's certificate, or null for the host
     */
    public record Tls(boolean enabled, Path caCertFile, Path clientCertFile, Path clientKeyFile, String serverName) {

        public boolean mutual() {
            return clientCertFile != null;
        }
    }

    /** The DRS v5 API of one region and project. */
    public record Drs(
            URI endpoint,
            String projectId,
            String region,
            String language,
            Duration timeout,
            Duration createVisibility,
            DrsAuth auth) {}

    /**
     * How the worker authenticates to DRS. Only the fields of the chosen method are set.
     *
     * @param method the authentication method
     * @param token TOKEN: where the X-Auth-Token is found
     * @param iamEndpoint PASSWORD: the IAM endpoint tokens are obtained from
     * @param domainName PASSWORD: the account name
     * @param userName PASSWORD: the IAM user
     * @param password PASSWORD: where the password is found
     * @param accessKey AKSK: where the access key is found
     * @param secretKey AKSK: where the secret key is found
     */
    public record DrsAuth(
            AuthMethod method,
            SecretRef token,
            URI iamEndpoint,
            String domainName,
            String userName,
            SecretRef password,
            SecretRef accessKey,
            SecretRef secretKey) {

        /** A ready IAM token. */
        public static DrsAuth token(SecretRef token) {
            return new DrsAuth(AuthMethod.TOKEN, token, null, null, null, null, null, null);
        }

        /** An IAM user's password, exchanged for a token at the IAM endpoint. */
        public static DrsAuth password(URI iamEndpoint, String domainName, String userName, SecretRef password) {
            return new DrsAuth(AuthMethod.PASSWORD, null, iamEndpoint, domainName, userName, password, null, null);
        }

        /** An access key pair that signs each request. */
        public static DrsAuth akSk(SecretRef accessKey, SecretRef secretKey) {
            return new DrsAuth(AuthMethod.AKSK, null, null, null, null, null, accessKey, secretKey);
        }
    }

    /** The authentication methods DRS accepts. */
    public enum AuthMethod {
        TOKEN,
        PASSWORD,
        AKSK
    }

    /** Where backups are read from: OBS, or (for rehearsals) a local folder. */
    public record Store(StoreType type, Obs obs, Path localRoot) {}

    /** The kinds of backup store. */
    public enum StoreType {
        OBS,
        LOCAL
    }

    /** OBS through its S3-compatible protocol. */
    public record Obs(
            URI endpoint,
            String region,
            ObsSignature signature,
            boolean pathStyle,
            SecretRef accessKey,
            SecretRef secretKey) {}

    /** How OBS requests are signed: Huawei's own scheme, or an S3 one for emulators. */
    public enum ObsSignature {
        OBS,
        V2,
        V4
    }

    /** How much work this worker takes on at once. */
    public record Polling(int maxConcurrentActivities, int activityPollers, int workflowPollers) {}

    /** Where /healthz and /metrics are served. */
    public record Ops(String bindAddress, int port) {}

    /**
     * Payload encryption.
     *
     * @param enabled whether payloads are encrypted; when false the other fields are null
     * @param keys where the key ring is found
     * @param endpoint the codec endpoint to serve, or null when it is off
     */
    public record Codec(boolean enabled, SecretRef keys, CodecEndpoint endpoint) {

        static final Codec DISABLED = new Codec(false, null, null);

        /**
         * Reads and parses the key ring.
         *
         * @throws ConfigException naming the key and the rule when the ring is missing or malformed
         *     (the message names key ids only, never key material)
         */
        public KeyRing keyRing(Map<String, String> environment) {
            String ring = keys.resolve(environment);
            try {
                // The codec module parses rings from its own variable; the message it gives names that
                // variable, which is replaced here by the configuration key the operator actually set.
                return KeyRing.fromEnvironment(Map.of(KeyRing.KEYS_VARIABLE, ring));
            } catch (IllegalArgumentException e) {
                String prefix = KeyRing.KEYS_VARIABLE + ": ";
                String rule =
                        e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                throw new ConfigException(keys.key() + " (" + keys + "): " + rule);
            }
        }
    }

    /**
     * The codec endpoint the Temporal UI and CLI decode payloads through.
     *
     * @param bindAddress the address it listens on
     * @param port its port; 0 picks a free one
     * @param allowedOrigin the one browser origin allowed to call it
     * @param token where the bearer token callers must present is found
     */
    public record CodecEndpoint(String bindAddress, int port, String allowedOrigin, SecretRef token) {

        /**
         * Reads the bearer token.
         *
         * @throws ConfigException naming the key when the token is missing, short or has spaces
         */
        public BearerToken bearerToken(Map<String, String> environment) {
            String value = token.resolve(environment);
            try {
                return BearerToken.of(token.key() + " (" + token + ")", value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }

        /**
         * What the codec server needs to run, decoding with {@code keys}.
         *
         * @throws ConfigException naming the key when the token is unfit or the origin is not one a
         *     browser could send (a path or a trailing slash would make every call fail)
         */
        public CodecServerOptions serverOptions(KeyRing keys, Map<String, String> environment) {
            BearerToken bearer = bearerToken(environment);
            try {
                return new CodecServerOptions(bindAddress, port, allowedOrigin, bearer, new AesGcmPayloadCodec(keys));
            } catch (IllegalArgumentException e) {
                // The address and port were checked on loading; what is left to refuse is the origin.
                throw new ConfigException(ConfigKey.CODEC_ENDPOINT_ALLOWED_ORIGIN.path()
                        + ": '"
                        + allowedOrigin
                        + "' is not valid: expected the Temporal UI's origin exactly as a browser sends"
                        + " it, http(s)://host[:port] with no path and no trailing slash (environment "
                        + ConfigKey.CODEC_ENDPOINT_ALLOWED_ORIGIN.envVar()
                        + ")");
            }
        }
    }
}
