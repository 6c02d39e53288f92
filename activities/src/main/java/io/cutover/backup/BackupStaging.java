package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.ParsedName;
import io.cutover.naming.StagedNames;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a backup submittable to DRS, which takes only {@code .bak} files whose stem is 1 to 200
 * letters, digits, '-' or '_': a file whose name breaks the rule is copied server-side to a
 * deterministic compliant name under the staging folder, and the copy is checked before it is
 * handed on. Staging again finds the checked copy and does nothing; the original is only read.
 */
public final class BackupStaging {

    private static final Logger log = LoggerFactory.getLogger(BackupStaging.class);

    /** Where copies go when the campaign names no staging prefix. */
    public static final String DEFAULT_FOLDER = "drs-staging/";

    /** Bytes compared at the start of a copy whose ETag cannot be compared (multipart ETags). */
    static final int COMPARED_BYTES = 64 * 1024;

    private final BackupStore store;

    public BackupStaging(BackupStore store) {
        this.store = store;
    }

    /** The staging folder of a prefix: never empty, always ending in '/'. */
    public static String folder(String stagingPrefix) {
        if (stagingPrefix == null || stagingPrefix.isBlank()) {
            return DEFAULT_FOLDER;
        }
        return stagingPrefix.endsWith("/") ? stagingPrefix : stagingPrefix + "/";
    }

    public StagedBackup stage(StageRequest request) {
        validate(request);
        BackupFile file = request.file();
        String bucket = request.bucket();
        if (BackupNaming.isDrsCompliant(file.fileName())) {
            return new StagedBackup(bucket, folderOf(file.key()), file.fileName(), file.key(), false);
        }
        StoredObject original = store.head(bucket, file.key())
                .orElseThrow(() -> new StagingException("the backup " + file.key() + " no longer exists"));
        if (original.size() != file.size() || !original.etag().equals(file.etag())) {
            throw new StagingException("the backup "
                    + file.key()
                    + " changed since it was discovered (size "
                    + file.size()
                    + " -> "
                    + original.size()
                    + ", ETag "
                    + file.etag()
                    + " -> "
                    + original.etag()
                    + ")");
        }
        String orderKey = file.orderKey() == null ? file.key() : file.orderKey();
        String fileName = request.readableAs() != null
                ? StagedNames.of(file, request.readableAs())
                : BackupNaming.stagingFileName(new ParsedName(file.kind(), file.database(), orderKey));
        String folder = folder(request.stagingPrefix());
        String target = folder + fileName;

        Optional<StoredObject> existing = store.head(bucket, target);
        if (existing.isPresent() && sameContent(bucket, original, existing.get())) {
            log.info("{} is already staged as {}", file.key(), target);
        } else {
            store.copy(bucket, file.key(), target);
            StoredObject copy = store.head(bucket, target)
                    .orElseThrow(() ->
                            new BackupStoreException("the copy " + target + " is missing after copying", true, null));
            if (!sameContent(bucket, original, copy)) {
                throw new BackupStoreException(
                        "the copy " + target + " does not match " + file.key() + " (size or content differ)",
                        true,
                        null);
            }
            log.info("Staged {} as {}", file.key(), target);
        }
        return new StagedBackup(bucket, folder, fileName, file.key(), true);
    }

    /**
     * Same size, and the same ETag where both are plain MD5s (a single-part upload or copy); a
     * multipart ETag depends on the part sizes, so there the first bytes are compared instead.
     */
    private boolean sameContent(String bucket, StoredObject original, StoredObject copy) {
        if (original.size() != copy.size()) {
            return false;
        }
        if (isPlainMd5(original.etag()) && isPlainMd5(copy.etag())) {
            return original.etag().equalsIgnoreCase(copy.etag());
        }
        if (original.size() == 0) {
            return true;
        }
        return Arrays.equals(
                store.readFirstBytes(bucket, original.key(), COMPARED_BYTES),
                store.readFirstBytes(bucket, copy.key(), COMPARED_BYTES));
    }

    private static boolean isPlainMd5(String etag) {
        return etag.matches("[0-9a-fA-F]{32}");
    }

    private static void validate(StageRequest request) {
        if (request == null || request.file() == null || request.file().key() == null) {
            throw new IllegalArgumentException("file: is required");
        }
        if (request.bucket() == null || request.bucket().isBlank()) {
            throw new IllegalArgumentException("bucket: is required");
        }
    }

    private static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }
}
