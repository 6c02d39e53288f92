package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The seed's Table 7.
 *
 * @param fileSource OBS or RDS
 * @param bucketName the OBS bucket (file_source OBS), or null
 * @param files the backup files
 */
public record BackupInfo(
        @JsonProperty("file_source") FileSource fileSource,
        @JsonProperty("bucket_name") String bucketName,
        @JsonProperty("files") List<BackupFile> files) {

    public BackupInfo {
        // Not List.copyOf: a null entry must reach the validator, which names it.
        files = files == null ? null : Collections.unmodifiableList(new ArrayList<>(files));
    }
}
