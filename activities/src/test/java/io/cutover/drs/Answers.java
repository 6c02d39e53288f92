package io.cutover.drs;

import mockwebserver3.MockResponse;

/** Canned DRS answers for MockWebServer. */
public final class Answers {

    private Answers() {}

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse error(int code, String errorCode, String errorMsg) {
        return json(code, "{\"error_code\":\"" + errorCode + "\",\"error_msg\":\"" + errorMsg + "\"}");
    }

    public static MockResponse throttled(String retryAfter) {
        return new MockResponse.Builder(error(429, DrsClient.TOO_FREQUENT, "Operation too frequent"))
                .setHeader("Retry-After", retryAfter)
                .build();
    }
}
