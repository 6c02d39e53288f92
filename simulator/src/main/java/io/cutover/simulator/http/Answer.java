package io.cutover.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server answers to one call.
 *
 * @param status the HTTP status
 * @param body the JSON body, or null for none
 * @param headers extra response headers
 * @param createdJobId the job this call created, or null
 */
record Answer(int status, JsonNode body, Map<String, String> headers, String createdJobId) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Answer json(int status, JsonNode body) {
        return new Answer(status, body, Map.of(), null);
    }

    /** DRS's error shape: {"error_code": ..., "error_msg": ...}. */
    static Answer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code);
        body.put("error_msg", message);
        return json(status, body);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Answer(status, body, copy, createdJobId);
    }

    Answer withCreatedJob(String jobId) {
        return new Answer(status, body, headers, jobId);
    }
}
