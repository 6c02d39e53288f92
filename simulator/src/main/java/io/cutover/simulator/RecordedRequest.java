package io.cutover.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the simulator received, for tests to assert on.
 *
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param query the raw query string, or "" when there is none
 * @param headers the request headers, names in lower case; secrets (X-Auth-Token, Authorization)
 *     are replaced by {@link #REDACTED}
 * @param body the request body as text ("" when empty); an IAM token request's password is replaced
 *     by {@link #REDACTED}
 * @param createdJobId the id of the job this request created, or null
 * @param status the HTTP status answered, or 0 when no answer was sent (dropped on purpose, or
 *     still being handled)
 */
public record RecordedRequest(
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body,
        String createdJobId,
        int status) {

    /** What replaces a secret in a recorded request. */
    public static final String REDACTED = "REDACTED";

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The same request with its outcome filled in. */
    public RecordedRequest answered(int answeredStatus, String jobId) {
        return new RecordedRequest(method, path, query, headers, body, jobId, answeredStatus);
    }
}
