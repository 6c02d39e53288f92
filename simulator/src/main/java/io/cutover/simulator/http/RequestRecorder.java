package io.cutover.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.simulator.RecordedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps every DRS and IAM request in arrival order, with secrets redacted before they are stored:
 * tests read it, and a secret kept here could end up in a test report or a log.
 */
public final class RequestRecorder {

    private static final Set<String> SECRET_HEADERS = Set.of("x-auth-token", "authorization", "x-subject-token");
    private static final Set<String> SECRET_BODY_FIELDS =
            Set.of("password", "secret", "secret_key", "sk", "access_key_secret");

    private final AtomicLong arrivals = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedRequest> requests = new ConcurrentSkipListMap<>();

    /**
     * Records a request on arrival.
     *
     * @return its arrival number, to fill in the answer later
     */
    long arrived(IncomingRequest request, boolean bodyMayHoldSecrets) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers()
                .forEach((name, values) -> headers.put(
                        name,
                        SECRET_HEADERS.contains(name)
                                ? values.stream()
                                        .map(v -> RecordedRequest.REDACTED)
                                        .toList()
                                : List.copyOf(values)));
        String body = bodyMayHoldSecrets ? redactBody(request.body()) : request.body();
        long number = arrivals.incrementAndGet();
        requests.put(
                number,
                new RecordedRequest(request.method(), request.path(), request.rawQuery(), headers, body, null, 0));
        return number;
    }

    /** Fills in how a request was answered (status 0: no answer was sent). */
    void answered(long number, int status, String createdJobId) {
        requests.computeIfPresent(number, (n, recorded) -> recorded.answered(status, createdJobId));
    }

    /** A snapshot of every request, in arrival order. */
    public List<RecordedRequest> snapshot() {
        return new ArrayList<>(requests.values());
    }

    public void clear() {
        requests.clear();
    }

    private static String redactBody(String body) {
        if (body.isEmpty()) {
            return body;
        }
        try {
            JsonNode tree = Answer.JSON.readTree(body);
            redact(tree);
            return Answer.JSON.writeValueAsString(tree);
        } catch (IOException e) {
            // Not JSON: it cannot be searched for secrets, so none of it is kept.
            return RecordedRequest.REDACTED;
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> secretFields = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean secret = SECRET_BODY_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT));
                // IAM nests the user under "password": {"user": {..., "password": "..."}}; only the
                // value itself is secret, the user's name stays readable.
                if (secret && field.getValue().isValueNode()) {
                    secretFields.add(field.getKey());
                } else {
                    redact(field.getValue());
                }
            }
            secretFields.forEach(name -> object.put(name, RecordedRequest.REDACTED));
        } else if (node != null && node.isArray()) {
            node.forEach(RequestRecorder::redact);
        }
    }
}
