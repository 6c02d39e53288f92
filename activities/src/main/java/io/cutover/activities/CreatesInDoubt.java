package io.cutover.activities;

import io.cutover.activity.JobRequest;
import io.cutover.backup.BackupStore;
import io.cutover.backup.BackupStoreException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a create of a job name was sent that may have reached DRS without the worker knowing: a
 * create whose answer was lost, or one sent by a worker that died before it could record the
 * answer. A look-up must not conclude that such a job is absent before DRS's list could show it.
 *
 * <p>Remembered in this process, and, for jobs restoring a file from a bucket, in that bucket too
 * before the create is sent: a worker started after another one was killed mid-create finds the
 * record there (one small object per create under the staged file's folder, in {@value
 * #FOLDER}; the staging folder is not a folder discovery reads). Jobs restoring an RDS backup have
 * no bucket: for them the record is this process's only.
 */
final class CreatesInDoubt {

    /** The records' folder under the staged file's path. */
    static final String FOLDER = ".cutover-creates/";

    /** A record's content once its create is known not to have reached DRS. */
    private static final long SETTLED = 0;

    private static final Logger log = LoggerFactory.getLogger(CreatesInDoubt.class);

    private final BackupStore store;
    private final Map<String, Long> sentInThisProcess = new ConcurrentHashMap<>();

    /** @param store where records outlive the process; null keeps them in this process only */
    CreatesInDoubt(BackupStore store) {
        this.store = store;
    }

    /** When a create of this job may have been sent without its answer known, or empty. */
    Optional<Long> sentAt(JobRequest request) {
        Long here = sentInThisProcess.get(request.name());
        if (here != null || !durable(request)) {
            return Optional.ofNullable(here);
        }
        try {
            return store.read(request.bucketName(), key(request))
                    .map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII).trim()))
                    .filter(sent -> sent != SETTLED);
        } catch (BackupStoreException | NumberFormatException e) {
            // A record that cannot be read is treated as one just written: the look-up waits the
            // window rather than risk a second job.
            log.warn(
                    "the record of creates of {} cannot be read ({}); treating the create as in doubt",
                    request.name(),
                    e.getMessage());
            return Optional.of(System.currentTimeMillis());
        }
    }

    /**
     * Records, before a create is sent, that it is about to be: if this worker dies before the
     * answer is recorded in the workflow, the next one knows. A store that cannot take the record
     * fails the submission (retried): sending without it would make that case a possible duplicate.
     */
    void sending(JobRequest request, long at) {
        if (durable(request)) {
            store.put(request.bucketName(), key(request), Long.toString(at).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The create certainly did not reach DRS (refused, or not sent at all): nothing is in doubt. */
    void notSent(JobRequest request) {
        sentInThisProcess.remove(request.name());
        if (durable(request)) {
            try {
                store.put(
                        request.bucketName(),
                        key(request),
                        Long.toString(SETTLED).getBytes(StandardCharsets.US_ASCII));
            } catch (BackupStoreException e) {
                // The record still says "sent": a retry waits the window before it creates. Safe.
                log.warn("the record of creates of {} could not be cleared: {}", request.name(), e.getMessage());
            }
        }
    }

    /** The create's answer was lost after it may have reached DRS. */
    void lost(JobRequest request, long sentAt, long window) {
        sentInThisProcess.values().removeIf(sent -> sent + window < sentAt);
        sentInThisProcess.put(request.name(), sentAt);
    }

    /** The job was found or created with its answer: this process need not remember it. */
    void known(JobRequest request) {
        sentInThisProcess.remove(request.name());
    }

    private boolean durable(JobRequest request) {
        return store != null
                && request.fileSource() == JobRequest.FileSource.OBS
                && request.bucketName() != null
                && !request.bucketName().isBlank();
    }

    private static String key(JobRequest request) {
        return (request.obsPath() == null ? "" : request.obsPath()) + FOLDER + request.name();
    }
}
