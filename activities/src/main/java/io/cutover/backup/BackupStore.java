package io.cutover.backup;

import java.util.Optional;

/**
 * An object store holding backup files: OBS, or a local folder for on-premises staging and the
 * demo. Every failure to reach the store is a {@link BackupStoreException}.
 */
public interface BackupStore extends AutoCloseable {

    /** The most keys one listing request returns, as on OBS and S3. */
    int MAX_PAGE = 1000;

    /**
     * One listing request: the objects under {@code prefix} whose keys sort after {@code marker}
     * (null: from the start), at most {@code maxKeys}, in key order.
     */
    ObjectPage list(String bucket, String prefix, String marker, int maxKeys);

    /** One object's metadata, or empty when it does not exist. */
    Optional<StoredObject> head(String bucket, String key);

    /** The first {@code count} bytes of an object (fewer if it is shorter; none if it is empty). */
    byte[] readFirstBytes(String bucket, String key, int count);

    /** Copies an object inside a bucket without passing its bytes through this process. */
    void copy(String bucket, String sourceKey, String targetKey);

    /**
     * Writes a small object whole (a campaign's ledger part or report), replacing any object under
     * that key, so that writing the same content again is harmless.
     */
    void put(String bucket, String key, byte[] content);

    /** Reads a small object whole, or empty when it does not exist. */
    Optional<byte[]> read(String bucket, String key);

    @Override
    void close();
}
