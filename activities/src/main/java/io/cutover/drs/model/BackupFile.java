package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's Table 8 (BackupFileInfo).
 *
 * @param name the backup file's name
 * @param obsPath the folder in the bucket; always sent, as "" for the bucket's root or an RDS
 *     backup, because that is what the console and the Terraform provider send
 * @param rdsVersion the database version of an RDS backup (for example 2019_EE), or null
 * @param rdsSourceInstanceId the instance an RDS backup belongs to, or null
 */
public record BackupFile(
        @JsonProperty("name") String name,

        @JsonProperty("obs_path") @JsonInclude(JsonInclude.Include.ALWAYS)
        String obsPath,

        @JsonProperty("rds_version") String rdsVersion,
        @JsonProperty("rds_source_instance_id") String rdsSourceInstanceId) {

    public BackupFile {
        obsPath = obsPath == null ? "" : obsPath;
    }

    /** A file in an OBS bucket; {@code obsPath} may be null or "" for the bucket's root. */
    public static BackupFile inObs(String name, String obsPath) {
        return new BackupFile(name, obsPath, null, null);
    }
}
