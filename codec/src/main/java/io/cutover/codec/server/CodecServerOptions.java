package io.cutover.codec.server;

import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.codec.KeyRing;
import io.temporal.payload.codec.PayloadCodec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * How a {@link CodecServer} runs.
 *
 * @param bindAddress the address to listen on; keep the default {@value #DEFAULT_BIND} unless a
 *     proxy in front terminates TLS
 * @param port the port; 0 picks a free one (see {@link CodecServer#port()})
 * @param allowedOrigin the one browser origin allowed to call, exactly as the browser sends it in
 *     {@code Origin}: the Temporal UI's {@code scheme://host[:port]}, no path, no trailing slash
 * @param token the bearer token callers must present
 * @param codec the codec that encodes and decodes
 */
public record CodecServerOptions(
        String bindAddress, int port, String allowedOrigin, BearerToken token, PayloadCodec codec) {

    public static final String BIND_VARIABLE = "CUTOVER_CODEC_BIND";
    public static final String PORT_VARIABLE = "CUTOVER_CODEC_PORT";
    public static final String ALLOWED_ORIGIN_VARIABLE = "CUTOVER_CODEC_ALLOWED_ORIGIN";

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8888;

    /** The UI of the Temporal CLI's dev server ({@code temporal server start-dev}). */
    public static final String DEFAULT_ALLOWED_ORIGIN = "http://localhost:8233";

    public CodecServerOptions {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress (" + BIND_VARIABLE + ") must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port (" + PORT_VARIABLE + ") must be 0 to 65535, was " + port);
        }
        checkOrigin(allowedOrigin);
        if (token == null || codec == null) {
            throw new IllegalArgumentException("token and codec are required");
        }
    }

    /** Options on the default address and port. */
    public static CodecServerOptions of(String allowedOrigin, BearerToken token, PayloadCodec codec) {
        return new CodecServerOptions(DEFAULT_BIND, DEFAULT_PORT, allowedOrigin, token, codec);
    }

    /**
     * Options from the environment: {@value #BIND_VARIABLE}, {@value #PORT_VARIABLE} and {@value
     * #ALLOWED_ORIGIN_VARIABLE} (all optional), the token as {@link BearerToken#fromEnvironment}
     * reads it and the keys as {@link KeyRing#fromEnvironment} reads them.
     */
    public static CodecServerOptions fromEnvironment(Map<String, String> env) {
        String port =
                env.getOrDefault(PORT_VARIABLE, String.valueOf(DEFAULT_PORT)).trim();
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + " must be a number, was '" + port + "'");
        }
        return new CodecServerOptions(
                env.getOrDefault(BIND_VARIABLE, DEFAULT_BIND).trim(),
                portNumber,
                env.getOrDefault(ALLOWED_ORIGIN_VARIABLE, DEFAULT_ALLOWED_ORIGIN)
                        .trim(),
                BearerToken.fromEnvironment(env),
                new AesGcmPayloadCodec(KeyRing.fromEnvironment(env)));
    }

    /**
     * Browsers compare {@code Origin} as a string, so a configured origin with a path or a trailing
     * slash would silently refuse every call: reject it here instead.
     */
    private static void checkOrigin(String origin) {
        String field = "allowedOrigin (" + ALLOWED_ORIGIN_VARIABLE + ")";
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URI: '" + origin + "'");
        }
        boolean webScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!webScheme
                || uri.getHost() == null
                || uri.getRawPath() == null
                || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(field
                    + " must be scheme://host[:port] with http or https and nothing after it, was '"
                    + origin
                    + "'");
        }
    }

    /** Leaves out the token and the codec (whose key ring could grow key material one day). */
    @Override
    public String toString() {
        return "CodecServerOptions[bindAddress="
                + bindAddress
                + ", port="
                + port
                + ", allowedOrigin="
                + allowedOrigin
                + "]";
    }
}
