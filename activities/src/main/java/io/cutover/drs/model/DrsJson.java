package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings of the DRS wire format. */
public final class DrsJson {

    // An ObjectMapper is thread-safe once configured, and building one is costly.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // DRS adds fields over time; a new field must not break a status poll.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Unset optional fields are left out, as the seed's examples do.
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private DrsJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
