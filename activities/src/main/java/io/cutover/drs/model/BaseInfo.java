package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The seed's Table 4 (BackupJobBaseInfo); also read back in the show answer.
 *
 * @param name task name, 4 to 50 letters, digits, '-' or '_', case-insensitive
 * @param engineType always {@value #SQLSERVER}
 * @param description task description, or null
 * @param tags resource tags, or null to leave them out
 * @param enterpriseProjectId enterprise project id, or null
 */
public record BaseInfo(
        @JsonProperty("name") String name,
        @JsonProperty("engine_type") String engineType,
        @JsonProperty("description") String description,
        @JsonProperty("tags") List<ResourceTag> tags,
        @JsonProperty("enterprise_project_id") String enterpriseProjectId) {

    /** The only engine backup migration supports. */
    public static final String SQLSERVER = "sqlserver";

    public BaseInfo {
        // Not List.copyOf: a null entry must reach the validator, which names it.
        tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    }
}
