package io.cutover.simulator.bucket;

import io.cutover.simulator.backupfile.SimulatedBackupFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Buckets as folders: the object {@code key} of bucket {@code b} is the file {@code root/b/key}.
 * This is how tests and the demo stand in for OBS without a network.
 */
public final class LocalFolderBucket implements BackupBucket {

    private final Path root;

    public LocalFolderBucket(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<StoredObject> find(String bucket, String key) throws IOException {
        Path file = root.resolve(bucket).resolve(key).normalize();
        // The validator already refuses "..", but a bucket must never reach outside its root.
        if (!file.startsWith(root.resolve(bucket)) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(StoredObject.HEAD_BYTES);
            return Optional.of(new StoredObject(
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant(),
                    SimulatedBackupFile.firstLine(new java.io.ByteArrayInputStream(head)),
                    head));
        }
    }
}
