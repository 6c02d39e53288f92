package io.cutover.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The backup store, as activities: discovery of new backups, staging of names, and the
 * campaign's ledger (the full list of what it did, kept in the store instead of its history).
 */
@ActivityInterface
public interface BackupActivities {

    /** ApplicationFailure type thrown by {@link #awaitNewBackups} while nothing is ready. */
    String NOTHING_NEW = "NoNewBackups";

    /**
     * One discovery pass: the backups that settled after the cursor, in chain order, with the
     * late, duplicate and unusable objects reported. Returns an empty list when nothing is new.
     * With a {@link DiscoveryRequest#chain}, the chain is planned by the backups' headers instead of
     * their names, and a missing log is named in the result.
     */
    @ActivityMethod
    DiscoveryResult scan(DiscoveryRequest request);

    /**
     * Like {@link #scan}, but while nothing is ready (nothing to report, no change in the gap the
     * campaign shows, no gap alarm falling due) it fails with
     * the retryable type {@link #NOTHING_NEW}: a retry policy with the poll interval then waits
     * between listings at no cost in history, and a cutover can cancel it at once.
     */
    @ActivityMethod
    DiscoveryResult awaitNewBackups(DiscoveryRequest request);

    /**
     * The log backups of the chain that lie between the last one passed and a blocked one, in chain
     * order: settled, non-empty, restorable, of the campaign's database. A log backup uploaded late,
     * after its successor was submitted, leaves an LSN gap that fails the successor's job; once the
     * missing file is in the bucket, the operator's retry applies it first. Empty when none is.
     */
    @ActivityMethod
    List<BackupFile> findMissingLinks(MissingLinkRequest request);

    /**
     * Reads one object's metadata (the full backup, or a named final file), or null when it does
     * not exist.
     */
    @ActivityMethod
    BackupFile describe(String bucket, String key);

    /**
     * Reads one object's SQL Server backup header (one ranged GET of at most 64 KiB), or says why it
     * cannot: the full backup's header decides whether the chain is planned by headers.
     */
    @ActivityMethod
    HeaderReading readHeader(String bucket, String key);

    /**
     * Makes a backup submittable: where its name is not DRS-compliant (a .bak whose stem is 1 to
     * 200 letters, digits, '-' or '_'), copies it server-side to a deterministic compliant name
     * under the staging prefix and verifies the copy. Idempotent; the original is never changed.
     */
    @ActivityMethod
    StagedBackup stage(StageRequest request);

    /**
     * Writes one part of a campaign's ledger: the entries as JSON lines, one object per part.
     * Writing the same part again replaces it with the same content, so a retry is harmless.
     */
    @ActivityMethod
    void appendLedger(String bucket, String key, List<AppliedBackup> entries);

    /**
     * Joins the ledger's parts (see {@link LedgerKeys#part}) in order into one JSON-lines report object under {@code reportKey}, and
     * sums it up. A part that is missing fails the call for good: the report would be incomplete.
     */
    @ActivityMethod
    LedgerSummary assembleLedger(String bucket, String ledgerPrefix, int parts, String reportKey);
}
