package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.HeaderReading;
import io.cutover.activity.LedgerKeys;
import io.cutover.activity.LedgerSummary;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.ParsedName;
import io.cutover.spec.NamingSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A bucket whose objects appear over workflow time, read with the campaign's naming convention.
 * Discovery follows the contract: settled objects after the cursor in chain order, objects older
 * than the cursor reported as LATE once, NOTHING_NEW while there is nothing to hand on.
 */
final class FakeBucket implements BackupActivities {

    static final String BUCKET = "sales-backups";
    static final String PREFIX = "sql01/sales/";
    static final String SERVER = "SQL01";
    static final String DATABASE = "Sales";
    private static final DateTimeFormatter OLA =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final LongSupplier clock;
    private final BackupNaming naming = BackupNaming.of(new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null));
    private final List<StoredObject> objects = new ArrayList<>();
    private final List<StageRequest> stageRequests = new ArrayList<>();
    private final Map<String, List<AppliedBackup>> ledgerObjects = new TreeMap<>();
    /**
     * Keys ever handed on or reported as late. Ready files are chosen by the cursor alone, as a
     * real listing after a marker would be, so that a pass whose answer the workflow never used (a
     * watcher it cancelled) loses nothing; this memory only keeps late files from being reported
     * twice and files already handed on from being called late once the cursor has passed them.
     */
    private final Set<String> seen = new HashSet<>();

    private int missingLinkSearches;

    private record StoredObject(BackupFile file, long appearsAtMillis) {}

    FakeBucket(LongSupplier clock) {
        this.clock = clock;
    }

    /** Ola Hallengren's name for a backup of the Sales database taken at the given time. */
    static String key(String type, long takenAtMillis) {
        String extension = type.equals("LOG") ? "trn" : "bak";
        return PREFIX + SERVER + "_" + DATABASE + "_" + type + "_" + OLA.format(Instant.ofEpochMilli(takenAtMillis))
                + "." + extension;
    }

    /** Uploads an object that becomes visible at the given workflow time; returns its key. */
    synchronized String upload(String key, long appearsAtMillis) {
        ParsedName parsed = naming.parse(key).orElseThrow();
        BackupFile file = new BackupFile(
                key,
                1_048_576,
                "etag-" + Integer.toHexString(key.hashCode()),
                appearsAtMillis,
                "STANDARD",
                parsed.kind(),
                parsed.database(),
                parsed.orderKey());
        objects.add(new StoredObject(file, appearsAtMillis));
        return key;
    }

    /** Uploads a log backup taken (and visible) at the given time. */
    String uploadLog(long atMillis) {
        return upload(key("LOG", atMillis), atMillis);
    }

    synchronized List<StageRequest> stageRequests() {
        return List.copyOf(stageRequests);
    }

    @Override
    public synchronized DiscoveryResult scan(DiscoveryRequest request) {
        long now = clock.getAsLong();
        DiscoveryCursor cursor = request.cursor();
        String after = cursor.lastOrderKey();
        List<BackupFile> ready = new ArrayList<>();
        List<BackupReport> reports = new ArrayList<>();
        objects.stream()
                .filter(o -> o.appearsAtMillis() + request.settleSeconds() * 1000 <= now)
                .map(StoredObject::file)
                .filter(f -> f.key().startsWith(request.source().prefix()))
                .sorted(Comparator.comparing(BackupFile::orderKey))
                .forEach(f -> {
                    if (after == null || f.orderKey().compareTo(after) > 0) {
                        if (ready.size() < request.maxFiles()) {
                            ready.add(f);
                        }
                    } else if (!seen.contains(f.key())) {
                        reports.add(new BackupReport(
                                f.key(), BackupReport.Problem.LATE, "older than " + after + ", already handed on"));
                    }
                });
        ready.forEach(f -> seen.add(f.key()));
        reports.forEach(r -> seen.add(r.key()));
        String last = ready.isEmpty() ? after : ready.get(ready.size() - 1).orderKey();
        List<String> recent = ready.stream().map(BackupFile::key).toList();
        return new DiscoveryResult(ready, reports, new DiscoveryCursor(last, last, Map.of(), recent), 1);
    }

    /** Settled log backups strictly between the bounds, in chain order, as the real search finds them. */
    @Override
    public synchronized List<BackupFile> findMissingLinks(MissingLinkRequest request) {
        long now = clock.getAsLong();
        String after = request.afterOrderKey() != null
                ? request.afterOrderKey()
                : naming.parse(request.source().fullBackup()).orElseThrow().orderKey();
        String before = naming.parse(request.blockedKey()).orElseThrow().orderKey();
        missingLinkSearches++;
        return objects.stream()
                .filter(o -> o.appearsAtMillis() + request.settleSeconds() * 1000 <= now)
                .map(StoredObject::file)
                .filter(f -> f.kind() == BackupFile.Kind.LOG)
                .filter(f -> f.orderKey().compareTo(after) > 0 && f.orderKey().compareTo(before) < 0)
                .sorted(Comparator.comparing(BackupFile::orderKey))
                .toList();
    }

    synchronized int missingLinkSearches() {
        return missingLinkSearches;
    }

    @Override
    public DiscoveryResult awaitNewBackups(DiscoveryRequest request) {
        DiscoveryResult result = scan(request);
        if (result.ready().isEmpty() && result.reports().isEmpty()) {
            throw ApplicationFailure.newFailure(
                    "nothing new under " + request.source().prefix(), NOTHING_NEW);
        }
        return result;
    }

    @Override
    public synchronized BackupFile describe(String bucket, String key) {
        long now = clock.getAsLong();
        return objects.stream()
                .filter(o -> o.file().key().equals(key) && o.appearsAtMillis() <= now)
                .map(StoredObject::file)
                .findFirst()
                .orElse(null);
    }

    /** The fake bucket's files have names, not SQL Server headers: campaigns on it go by names. */
    @Override
    public HeaderReading readHeader(String bucket, String key) {
        return new HeaderReading(null, "not a SQL Server native backup (a test file)");
    }

    @Override
    public synchronized StagedBackup stage(StageRequest request) {
        stageRequests.add(request);
        BackupFile file = request.file();
        if (BackupNaming.isDrsCompliant(file.fileName())) {
            String folder = file.key()
                    .substring(0, file.key().length() - file.fileName().length());
            return new StagedBackup(request.bucket(), folder, file.fileName(), file.key(), false);
        }
        String name = BackupNaming.stagingFileName(naming.parse(file.key()).orElseThrow());
        return new StagedBackup(request.bucket(), request.stagingPrefix(), name, file.key(), true);
    }

    @Override
    public synchronized void appendLedger(String bucket, String key, List<AppliedBackup> entries) {
        ledgerObjects.put(bucket + "/" + key, List.copyOf(entries));
    }

    @Override
    public synchronized LedgerSummary assembleLedger(String bucket, String ledgerPrefix, int parts, String reportKey) {
        List<AppliedBackup> all = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<AppliedBackup> entries = ledgerObjects.get(bucket + "/" + LedgerKeys.part(ledgerPrefix, part));
            if (entries == null) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "ledger part " + part + " is missing", "LedgerPartMissing");
            }
            all.addAll(entries);
        }
        ledgerObjects.put(bucket + "/" + reportKey, List.copyOf(all));
        Map<String, Integer> outcomes = new TreeMap<>();
        all.forEach(entry -> outcomes.merge(entry.outcome().name(), 1, Integer::sum));
        return new LedgerSummary(bucket, reportKey, all.size(), outcomes);
    }

    /** The entries of a ledger object (a part or the report), or null when none was written. */
    synchronized List<AppliedBackup> ledgerObject(String bucketAndKey) {
        return ledgerObjects.get(bucketAndKey);
    }

    /** Keys of the ledger objects written, in key order. */
    synchronized List<String> ledgerKeys() {
        return List.copyOf(ledgerObjects.keySet());
    }
}
