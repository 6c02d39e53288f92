package io.cutover.simulator.validation;

/**
 * One entry of backup_info.files.
 *
 * @param name the file name ("" is allowed for an RDS backup)
 * @param obsPath the folder in the bucket, "" for the root, normalised to end with "/" when not
 *     empty
 */
public record BackupFileRef(String name, String obsPath) {

    /** The object key in the bucket: the folder followed by the name. */
    public String objectKey() {
        return obsPath + name;
    }
}
