package io.cutover.activities;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.HeaderFacts;
import io.cutover.activity.HeaderReading;
import io.cutover.activity.LedgerSummary;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.backup.BackupDiscovery;
import io.cutover.backup.BackupStaging;
import io.cutover.backup.BackupStore;
import io.cutover.backup.BackupStoreException;
import io.cutover.backup.CampaignLedger;
import io.cutover.backup.ChainDiscovery;
import io.cutover.backup.HeaderCache;
import io.cutover.backup.StagingException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The backup activities on top of a {@link BackupStore}. A store that cannot be reached fails the
 * activity with a retryable failure and returns no cursor, so the workflow keeps the cursor it had
 * and nothing is skipped; a request the store refuses or that is malformed fails for good.
 */
public final class BackupActivitiesImpl implements BackupActivities {

    /** Retryable: the store is down or busy. */
    public static final String STORE_UNAVAILABLE = "BackupStoreUnavailable";

    /** Not retryable: the store refused (no such bucket, access denied). */
    public static final String STORE_REJECTED = "BackupStoreRejected";

    /** Not retryable: the request breaks a rule, named in the message. */
    public static final String INVALID_REQUEST = "InvalidBackupRequest";

    /** Not retryable: the backup cannot be staged as it is (gone, or changed since discovery). */
    public static final String STAGING_FAILED = "BackupStagingFailed";

    private final BackupStore store;
    private final BackupDiscovery discovery;
    private final ChainDiscovery chainDiscovery;
    private final HeaderCache headers = new HeaderCache();
    private final BackupStaging staging;
    private final CampaignLedger ledger;

    public BackupActivitiesImpl(BackupStore store, Clock clock) {
        this.store = store;
        this.discovery = new BackupDiscovery(store, clock);
        this.chainDiscovery = new ChainDiscovery(store, headers, clock);
        this.staging = new BackupStaging(store);
        this.ledger = new CampaignLedger(store);
    }

    @Override
    public DiscoveryResult scan(DiscoveryRequest request) {
        return guarded(() -> request.chain() == null ? discovery.discover(request) : chainDiscovery.discover(request));
    }

    /**
     * Between retries, the cursor of the previous attempt travels as heartbeat details: what that
     * attempt listed (objects of other databases, sizes of objects still settling) is not listed
     * again, and a size change between attempts is seen, without any event in the history. A
     * request that watches lists again, from its own last cursor, until something is new or its
     * time is up. Run as a local activity (a wave member's final watch, inside its workflow task),
     * it has no heartbeat: each attempt starts from the request's cursor, and it ends with its
     * attempt, not at a cancellation.
     */
    @Override
    public DiscoveryResult awaitNewBackups(DiscoveryRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        boolean local = context.getInfo().isLocal();
        Optional<DiscoveryCursor> previousAttempt =
                local ? Optional.empty() : context.getHeartbeatDetails(DiscoveryCursor.class);
        AtomicReference<DiscoveryRequest> pass =
                new AtomicReference<>(previousAttempt.map(request::from).orElse(request));
        long lookUntil = System.nanoTime()
                + (request.watch() == null
                        ? 0
                        : TimeUnit.MILLISECONDS.toNanos(request.watch().forMillis()));
        // A listing of a large prefix may take a while: beat meanwhile, carrying the cursor this
        // pass started from, so that a worker lost mid-listing is noticed within the heartbeat
        // timeout and the next attempt starts where this one did.
        try (Heartbeat beating =
                Heartbeat.start(context, "discovery", () -> pass.get().cursor())) {
            while (true) {
                DiscoveryResult result = scan(pass.get());
                if (!result.ready().isEmpty() || !result.reports().isEmpty() || newAboutTheGap(request, result)) {
                    return result;
                }
                // Also how a cancelled watch learns it was cancelled: the heartbeat throws.
                if (!local) {
                    context.heartbeat(result.next());
                }
                if (System.nanoTime() >= lookUntil) {
                    throw nothingNew(request, result);
                }
                pass.set(pass.get().from(result.next()));
                pause(request.watch().everyMillis());
            }
        }
    }

    private static ApplicationFailure nothingNew(DiscoveryRequest request, DiscoveryResult result) {
        return ApplicationFailure.newFailure(
                "No new backup ready under "
                        + request.source().bucket()
                        + "/"
                        + (request.source().prefix() == null
                                ? ""
                                : request.source().prefix())
                        + " ("
                        + result.next().unsettled().size()
                        + " settling)",
                NOTHING_NEW);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("the watch was interrupted", NOTHING_NEW);
        }
    }

    /** A gap the campaign does not show yet (or no more), or its alarm falling due. */
    private static boolean newAboutTheGap(DiscoveryRequest request, DiscoveryResult result) {
        ChainRequest chain = request.chain();
        return chain != null && (!Objects.equals(chain.knownGap(), result.gap()) || result.gapAlarmDue());
    }

    @Override
    public HeaderReading readHeader(String bucket, String key) {
        return guarded(() -> store.head(bucket, key)
                .map(object -> {
                    HeaderCache.Reading reading = headers.read(store, bucket, object);
                    return reading.header() == null
                            ? new HeaderReading(null, reading.problem())
                            : new HeaderReading(HeaderFacts.of(reading.header()), null);
                })
                .orElse(new HeaderReading(null, "no object " + key + " in bucket " + bucket)));
    }

    @Override
    public List<BackupFile> findMissingLinks(MissingLinkRequest request) {
        return guarded(() -> discovery.missingLinks(request));
    }

    @Override
    public BackupFile describe(String bucket, String key) {
        return guarded(() -> store.head(bucket, key)
                .map(object -> new BackupFile(
                        object.key(),
                        object.size(),
                        object.etag(),
                        object.lastModified().toEpochMilli(),
                        object.storageClass(),
                        BackupFile.Kind.UNKNOWN,
                        null,
                        null))
                .orElse(null));
    }

    /**
     * As a normal activity (the full backup, whose server-side copy may take hours) it heartbeats
     * while the copy runs, so that a worker lost mid-copy is noticed within the heartbeat timeout.
     * As a local activity (a log backup) there is nothing to beat to.
     */
    @Override
    public StagedBackup stage(StageRequest request) {
        try (Heartbeat beating =
                Heartbeat.start(Activity.getExecutionContext(), request.file().fileName(), () -> null)) {
            return guarded(() -> staging.stage(request));
        }
    }

    @Override
    public void appendLedger(String bucket, String key, List<AppliedBackup> entries) {
        guarded(() -> {
            ledger.append(bucket, key, entries);
            return null;
        });
    }

    @Override
    public LedgerSummary assembleLedger(String bucket, String ledgerPrefix, int parts, String reportKey) {
        return guarded(() -> ledger.assemble(bucket, ledgerPrefix, parts, reportKey));
    }

    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (BackupStoreException e) {
            if (e.isTransient()) {
                throw ApplicationFailure.newFailureWithCause(e.getMessage(), STORE_UNAVAILABLE, e);
            }
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), STORE_REJECTED, e);
        } catch (StagingException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), STAGING_FAILED, e);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), INVALID_REQUEST, e);
        }
    }
}
