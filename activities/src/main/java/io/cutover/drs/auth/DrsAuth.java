package io.cutover.drs.auth;

import java.io.IOException;
import okhttp3.Request;

/**
 * How requests to DRS are authenticated. The client calls {@link #authorize} on every attempt,
 * as the last step before sending, so that a signature covers the final request and a cached
 * token is checked for expiry each time.
 *
 * <p>Implementations hold secrets: their {@code toString} must never show them.
 */
public interface DrsAuth {

    /** Returns {@code request} with the authentication headers added. */
    Request authorize(Request request) throws IOException;

    /**
     * Called after DRS answered that the token is invalid (it can be revoked early, for
     * example by a password change). Drops any cached credential and says whether a fresh one
     * could be obtained, in which case the client tries once more.
     */
    default boolean invalidate() {
        return false;
    }
}
