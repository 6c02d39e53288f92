package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's Table 5.
 *
 * @param key up to 36 letters, digits, '_' or '-'
 * @param value letters, digits, spaces and {@code _ . : / = + - @}
 */
public record ResourceTag(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {}
