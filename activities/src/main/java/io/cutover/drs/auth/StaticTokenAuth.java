package io.cutover.drs.auth;

import java.util.Objects;
import okhttp3.Request;

/** A token obtained elsewhere, sent as {@code X-Auth-Token}; it cannot be refreshed. */
public final class StaticTokenAuth implements DrsAuth {

    /** The header carrying an IAM token. */
    public static final String TOKEN_HEADER = "X-Auth-Token";

    private final String token;

    public StaticTokenAuth(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) {
            throw new IllegalArgumentException("token: must not be blank");
        }
        this.token = token;
    }

    @Override
    public Request authorize(Request request) {
        return request.newBuilder().header(TOKEN_HEADER, token).build();
    }

    @Override
    public String toString() {
        return "StaticTokenAuth[token=****]";
    }
}
