package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    files = files == null ? null : List.copyOf(files);
  }
}
