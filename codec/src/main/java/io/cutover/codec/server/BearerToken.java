package io.cutover.codec.server;

import io.cutover.codec.EnvironmentSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * The shared secret a caller of the codec endpoint must present as {@code Authorization: Bearer
 * <token>}. {@link #toString()} never shows it.
 */
public final class BearerToken {

    /** The token itself. */
    public static final String TOKEN_VARIABLE = "CUTOVER_CODEC_TOKEN";

    /** A file holding the token (used when {@link #TOKEN_VARIABLE} is not set). */
    public static final String TOKEN_FILE_VARIABLE = TOKEN_VARIABLE + "_FILE";

    /** Short tokens can be guessed by anyone who can reach the port; 16 characters is a floor. */
    static final int MIN_LENGTH = 16;

    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * A token from a value; {@code source} names where it came from for error messages.
     *
     * @throws IllegalArgumentException when the token is shorter than 16 characters or has spaces
     */
    public static BearerToken of(String source, String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    source + ": the token must be at least " + MIN_LENGTH + " characters long");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(source + ": the token must not contain white space");
        }
        return new BearerToken(sha256(token));
    }

    /**
     * The token from {@value #TOKEN_VARIABLE} or the file named by {@value #TOKEN_FILE_VARIABLE}.
     *
     * @throws IllegalArgumentException when neither is set or the token is unfit
     */
    public static BearerToken fromEnvironment(Map<String, String> env) {
        EnvironmentSecret secret = EnvironmentSecret.read(env, TOKEN_VARIABLE)
                .orElseThrow(() -> new IllegalArgumentException("no codec endpoint token: set "
                        + TOKEN_VARIABLE
                        + " or "
                        + TOKEN_FILE_VARIABLE
                        + " (e.g. openssl rand -hex 32)"));
        return of(secret.source(), secret.value());
    }

    /**
     * Whether an {@code Authorization} header carries this token. Both sides are hashed first, so
     * the comparison takes the same time whatever the presented token's length or content.
     */
    boolean matchesHeader(String authorization) {
        if (authorization == null
                || authorization.length() < SCHEME.length()
                || !authorization
                        .substring(0, SCHEME.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(
                digest, sha256(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[(redacted)]";
    }
}
