package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's Table 11: the body of an error answer.
 *
 * @param errorCode for example DRS.10000001
 * @param errorMsg the human-readable message
 */
public record ErrorBody(
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("error_msg") String errorMsg) {}
