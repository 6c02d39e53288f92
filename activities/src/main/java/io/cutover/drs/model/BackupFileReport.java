package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * backup_info as the show answer gives it: the file DRS found, with size and time.
 *
 * @param fileSource OBS or RDS
 * @param bucketName the OBS bucket, or null
 * @param fileInfo the files
 */
public record BackupFileReport(
        @JsonProperty("file_source") FileSource fileSource,
        @JsonProperty("bucket_name") String bucketName,
        @JsonProperty("file_info") List<FileInfo> fileInfo) {

    public BackupFileReport {
        // A null entry in an answer is dropped rather than failing a status poll.
        fileInfo = fileInfo == null
                ? List.of()
                : fileInfo.stream().filter(Objects::nonNull).toList();
    }

    /**
     * One file of the show answer. Sizes and times are kept as text: public SDKs model them
     * as strings, and a number is read into text just as well.
     *
     * @param fileName file name
     * @param fileSize file size
     * @param fileLastModify last modification time
     */
    public record FileInfo(
            @JsonProperty("file_name") String fileName,
            @JsonProperty("file_size") String fileSize,
            @JsonProperty("file_last_modify") String fileLastModify) {}
}
