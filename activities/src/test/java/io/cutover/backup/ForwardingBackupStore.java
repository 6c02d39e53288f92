package io.cutover.backup;

import java.util.Optional;

/** Passes every call on to another store; tests override the call they want to disturb. */
public class ForwardingBackupStore implements BackupStore {

    private final BackupStore delegate;

    public ForwardingBackupStore(BackupStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public ObjectPage list(String bucket, String prefix, String marker, int maxKeys) {
        return delegate.list(bucket, prefix, marker, maxKeys);
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        return delegate.head(bucket, key);
    }

    @Override
    public byte[] readFirstBytes(String bucket, String key, int count) {
        return delegate.readFirstBytes(bucket, key, count);
    }

    @Override
    public void copy(String bucket, String sourceKey, String targetKey) {
        delegate.copy(bucket, sourceKey, targetKey);
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        delegate.put(bucket, key, content);
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        return delegate.read(bucket, key);
    }

    /** The delegate belongs to the test, which closes it. */
    @Override
    public void close() {}
}
