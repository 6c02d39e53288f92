package io.cutover.simulator.bucket;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the simulator looks for the backup files a job names. */
public interface BackupBucket {

    /**
     * Looks up {@code key} in {@code bucket}.
     *
     * @return the object, or empty when it does not exist
     * @throws IOException when the bucket cannot be read (the job then fails, as DRS's download
     *     would)
     */
    Optional<StoredObject> find(String bucket, String key) throws IOException;

    /**
     * A bucket in which every file exists, empty and without a header: used when no bucket is
     * configured, so that the simulator checks requests and chains of job options only.
     */
    static BackupBucket assumeEveryFileExists() {
        return (bucket, key) -> Optional.of(new StoredObject(0, Instant.EPOCH, ""));
    }

    /** Looks in each bucket in turn and answers the first that has the file. */
    static BackupBucket firstFound(List<BackupBucket> buckets) {
        List<BackupBucket> copy = List.copyOf(buckets);
        return (bucket, key) -> {
            for (BackupBucket candidate : copy) {
                Optional<StoredObject> found = candidate.find(bucket, key);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
