package io.cutover.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local folder as an object store, for on-premises staging and the demo: the object {@code key}
 * of {@code bucket} is the file {@code {root}/{bucket}/{key}}. ETags are the MD5 of the content in
 * hex, as OBS gives for objects uploaded in one part, and every object is in the Standard storage
 * class.
 */
public final class LocalBackupStore implements BackupStore {

    private static final int ETAG_CACHE_ENTRIES = 10_000;

    /** Marks a copy in progress; listings leave such files out. */
    private static final String TEMP_MARK = ".copying~";

    private final Path root;

    /**
     * Hashing a multi-gigabyte backup on every listing would make polls slow: an ETag is kept while
     * the file's size and modification time stay the same.
     */
    private final Map<String, String> etagCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > ETAG_CACHE_ENTRIES;
        }
    };

    public LocalBackupStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public ObjectPage list(String bucket, String prefix, String marker, int maxKeys) {
        Path bucketDir = bucketDir(bucket);
        String safePrefix = prefix == null ? "" : prefix;
        // Walk only the deepest folder the prefix names, not the whole bucket.
        int slash = safePrefix.lastIndexOf('/');
        Path start = slash < 0 ? bucketDir : resolve(bucketDir, safePrefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return new ObjectPage(List.of(), false, null);
        }
        List<String> keys;
        try (Stream<Path> files = Files.walk(start)) {
            keys = files.filter(Files::isRegularFile)
                    .map(file -> keyOf(bucketDir, file))
                    .filter(key -> key.startsWith(safePrefix))
                    .filter(key -> marker == null || key.compareTo(marker) > 0)
                    .filter(key -> !key.contains(TEMP_MARK))
                    .sorted()
                    .limit(maxKeys + 1L)
                    .toList();
        } catch (IOException e) {
            throw failure("list " + bucket + "/" + safePrefix, e);
        }
        boolean truncated = keys.size() > maxKeys;
        List<StoredObject> objects = new ArrayList<>();
        for (String key : truncated ? keys.subList(0, maxKeys) : keys) {
            head(bucket, key).ifPresent(objects::add);
        }
        String next = truncated ? objects.get(objects.size() - 1).key() : null;
        return new ObjectPage(objects, truncated, next);
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        Path file = resolve(bucketDir(bucket), key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(
                    key,
                    attributes.size(),
                    etag(file, attributes),
                    attributes.lastModifiedTime().toInstant(),
                    StoredObject.STANDARD));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("head " + bucket + "/" + key, e);
        }
    }

    @Override
    public byte[] readFirstBytes(String bucket, String key, int count) {
        try (InputStream in = Files.newInputStream(resolve(bucketDir(bucket), key))) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw failure("read " + bucket + "/" + key, e);
        }
    }

    /** Copies through a temporary name and a rename, so that a listing never sees half a copy. */
    @Override
    public void copy(String bucket, String sourceKey, String targetKey) {
        Path bucketDir = bucketDir(bucket);
        Path source = resolve(bucketDir, sourceKey);
        try {
            writeThroughTemp(
                    resolve(bucketDir, targetKey),
                    temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw failure("copy " + bucket + "/" + sourceKey + " to " + targetKey, e);
        }
    }

    /** Written like a copy: a reader sees the old object or the new one, never half of it. */
    @Override
    public void put(String bucket, String key, byte[] content) {
        try {
            writeThroughTemp(resolve(bucketDir(bucket), key), temp -> Files.write(temp, content));
        } catch (IOException e) {
            throw failure("write " + bucket + "/" + key, e);
        }
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(bucketDir(bucket), key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read " + bucket + "/" + key, e);
        }
    }

    private interface TempWriter {
        void write(Path temp) throws IOException;
    }

    private static void writeThroughTemp(Path target, TempWriter writer) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_MARK);
        Files.createDirectories(target.getParent());
        writer.write(temp);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {}

    private Path bucketDir(String bucket) {
        if (bucket == null || bucket.isBlank() || bucket.contains("/") || bucket.startsWith(".")) {
            throw new IllegalArgumentException("bucket: must be a plain folder name, got " + bucket);
        }
        return root.resolve(bucket);
    }

    /** Keys are relative paths; one that would climb out of the bucket is refused. */
    private static Path resolve(Path bucketDir, String key) {
        Path path = bucketDir.resolve(key).normalize();
        if (!path.startsWith(bucketDir) || path.equals(bucketDir)) {
            throw new IllegalArgumentException("key: must stay inside the bucket, got " + key);
        }
        return path;
    }

    private static String keyOf(Path bucketDir, Path file) {
        return bucketDir
                .relativize(file)
                .toString()
                .replace(file.getFileSystem().getSeparator(), "/");
    }

    private String etag(Path file, BasicFileAttributes attributes) throws IOException {
        String cacheKey = file + "|" + attributes.size() + "|" + attributes.lastModifiedTime();
        synchronized (etagCache) {
            String cached = etagCache.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        String etag = md5Hex(file);
        synchronized (etagCache) {
            etagCache.put(cacheKey, etag);
        }
        return etag;
    }

    private static String md5Hex(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static BackupStoreException failure(String what, IOException e) {
        return new BackupStoreException("local store: cannot " + what + ": " + e, true, e);
    }
}
