package io.cutover.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.simulator.DrsCall;
import io.cutover.simulator.FaultSettings;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Fault settings as the admin endpoint reads and writes them:
 *
 * <pre>
 * {
 *   "error_rates": {"create": 0.2, "*": 0.05},   per call, or "*" for every call
 *   "error_status": 503,
 *   "throttle_rates": {"list": 0.5},
 *   "retry_after_seconds": 2,
 *   "latency_ms": 150,
 *   "drop_after_create_rate": 0.1,
 *   "drop_next_creates": 1,
 *   "timeout_rates": {"create": 0.1},             answers held back for timeout_ms
 *   "timeout_ms": 5000,
 *   "fail_next": {"show": 2},
 *   "throttle_next": {"create": 1}
 * }
 * </pre>
 *
 * A POST changes only the fields it names; the answer is the whole resulting settings.
 */
final class FaultSettingsJson {

    private static final Set<String> FIELDS = Set.of(
            "error_rates",
            "error_status",
            "throttle_rates",
            "retry_after_seconds",
            "latency_ms",
            "drop_after_create_rate",
            "drop_next_creates",
            "timeout_rates",
            "timeout_ms",
            "fail_next",
            "throttle_next");

    private FaultSettingsJson() {}

    static ObjectNode toJson(FaultSettings settings) {
        ObjectNode json = Answer.JSON.createObjectNode();
        ObjectNode errorRates = json.putObject("error_rates");
        settings.errorRates().forEach((call, rate) -> errorRates.put(call.wireName(), rate));
        json.put("error_status", settings.errorStatus());
        ObjectNode throttleRates = json.putObject("throttle_rates");
        settings.throttleRates().forEach((call, rate) -> throttleRates.put(call.wireName(), rate));
        json.put("retry_after_seconds", settings.retryAfter().toMillis() / 1000.0);
        json.put("latency_ms", settings.latency().toMillis());
        json.put("drop_after_create_rate", settings.dropAfterCreateRate());
        json.put("drop_next_creates", settings.dropNextCreates());
        ObjectNode timeoutRates = json.putObject("timeout_rates");
        settings.timeoutRates().forEach((call, rate) -> timeoutRates.put(call.wireName(), rate));
        json.put("timeout_ms", settings.timeout().toMillis());
        ObjectNode failNext = json.putObject("fail_next");
        settings.failNext().forEach((call, count) -> failNext.put(call.wireName(), count));
        ObjectNode throttleNext = json.putObject("throttle_next");
        settings.throttleNext().forEach((call, count) -> throttleNext.put(call.wireName(), count));
        return json;
    }

    /**
     * Applies the fields {@code json} names to {@code settings}.
     *
     * @throws IllegalArgumentException naming the field when a value is invalid
     */
    static FaultSettings apply(FaultSettings settings, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("request body: must be a JSON object");
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown fault; known: " + FIELDS);
            }
        }
        FaultSettings result = settings;
        result = perCall(
                result,
                json.get("error_rates"),
                "error_rates",
                (s, e) -> s.withErrorRate(e.getKey(), number(e.getValue(), "error_rates")));
        result = perCall(
                result,
                json.get("throttle_rates"),
                "throttle_rates",
                (s, e) -> s.withThrottleRate(e.getKey(), number(e.getValue(), "throttle_rates")));
        result = perCall(
                result,
                json.get("timeout_rates"),
                "timeout_rates",
                (s, e) -> s.withTimeoutRate(e.getKey(), number(e.getValue(), "timeout_rates")));
        result = perCall(
                result,
                json.get("fail_next"),
                "fail_next",
                (s, e) -> s.withFailNext(e.getKey(), (int) number(e.getValue(), "fail_next")));
        result = perCall(
                result,
                json.get("throttle_next"),
                "throttle_next",
                (s, e) -> s.withThrottleNext(e.getKey(), (int) number(e.getValue(), "throttle_next")));
        if (json.has("error_status")) {
            result = result.withErrorStatus((int) number(json.get("error_status"), "error_status"));
        }
        if (json.has("retry_after_seconds")) {
            result = result.withRetryAfter(
                    Duration.ofMillis((long) (number(json.get("retry_after_seconds"), "retry_after_seconds") * 1000)));
        }
        if (json.has("latency_ms")) {
            result = result.withLatency(Duration.ofMillis((long) number(json.get("latency_ms"), "latency_ms")));
        }
        if (json.has("timeout_ms")) {
            result = result.withTimeout(Duration.ofMillis((long) number(json.get("timeout_ms"), "timeout_ms")));
        }
        if (json.has("drop_after_create_rate")) {
            result = result.withDropAfterCreateRate(
                    number(json.get("drop_after_create_rate"), "drop_after_create_rate"));
        }
        if (json.has("drop_next_creates")) {
            result = result.withDropNextCreates((int) number(json.get("drop_next_creates"), "drop_next_creates"));
        }
        return result;
    }

    /** Applies {"call": value, "*": value} entries, "*" meaning every call. */
    private static FaultSettings perCall(
            FaultSettings settings,
            JsonNode node,
            String field,
            BiFunction<FaultSettings, Map.Entry<DrsCall, JsonNode>, FaultSettings> change) {
        if (node == null) {
            return settings;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": must be an object of call name to value");
        }
        FaultSettings result = settings;
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            try {
                if (entry.getKey().equals("*")) {
                    for (DrsCall call : DrsCall.values()) {
                        result = change.apply(result, Map.entry(call, entry.getValue()));
                    }
                } else {
                    result = change.apply(result, Map.entry(DrsCall.fromWireName(entry.getKey()), entry.getValue()));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "." + entry.getKey() + ": " + e.getMessage());
            }
        }
        return result;
    }

    private static double number(JsonNode node, String field) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(field + ": must be a number; got " + node);
        }
        return node.asDouble();
    }
}
