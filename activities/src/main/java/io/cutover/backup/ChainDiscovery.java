package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.backup.DiscoveryMemory.SeenObject;
import io.cutover.spec.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A discovery pass that plans the chain by the backups' headers, not their names: any file names
 * work. Each pass lists the whole prefix (one request per 1,000 objects), reads the header of each
 * object it has not read before ({@link HeaderCache}), checks each file (database, server, striped,
 * password, version, readable), and hands on the files that continue the chain from where the
 * campaign stands, in chain order ({@link ChainWalk}). A file the chain does not need yet stays in
 * the bucket and is planned again next pass, so a log that arrives late simply fills its place.
 * When no file holds the LSN the chain continues at, nothing is handed on and the result says which
 * LSN is missing: the gap is seen before any job, not as a failed one.
 *
 * <p>Each problem file is reported once: on the first pass, or on the pass after it was written
 * (objects written since the previous pass began, less the settle time and a minute for the store's
 * clock), with the recently reported ones remembered in the cursor.
 */
public final class ChainDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ChainDiscovery.class);

    /** How far the store's clock may be behind the worker's. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private final BackupStore store;
    private final HeaderCache headers;
    private final Clock clock;

    public ChainDiscovery(BackupStore store, HeaderCache headers, Clock clock) {
        this.store = store;
        this.headers = headers;
        this.clock = clock;
    }

    /** One pass. Store failures propagate; the caller's cursor is then still the one to use. */
    public DiscoveryResult discover(DiscoveryRequest request) {
        ChainRequest chain = request.chain();
        SourceSpec source = request.source();
        DiscoveryCursor cursor = request.cursor() == null ? DiscoveryCursor.start() : request.cursor();
        DiscoveryMemory memory = DiscoveryMemory.decode(cursor.recentKeys(), key -> null);
        Instant now = clock.instant();
        Instant freshAfter = memory.polledAt() == null
                ? null
                : memory.polledAt().minusSeconds(request.settleSeconds()).minus(CLOCK_SLACK);

        String prefix = BackupDiscovery.prefixOf(source);
        String staging = BackupStaging.folder(source.stagingPrefix());
        Map<String, Long> unsettled = new TreeMap<>();
        List<BackupReport> reports = new ArrayList<>();
        List<SeenObject> reported = new ArrayList<>(memory.seen());
        ChainWalk walk = new ChainWalk(chain);
        List<String> unreadable = new ArrayList<>();
        int listRequests = 0;
        String marker = null;
        ObjectPage page;
        do {
            page = store.list(source.bucket(), prefix, marker, BackupStore.MAX_PAGE);
            listRequests++;
            for (StoredObject object : page.objects()) {
                if (object.key().equals(source.fullBackup())
                        || object.key().startsWith(staging)
                        || object.key().contains(".cutover-")) {
                    continue;
                }
                if (!object.settled(cursor.unsettled().get(object.key()), request.settleSeconds(), now)) {
                    unsettled.put(object.key(), object.size());
                    continue;
                }
                HeaderCache.Reading reading = headers.read(store, source.bucket(), object);
                HeaderCheck.Verdict verdict = HeaderCheck.check(object, reading, chain);
                if (verdict.problem() == Problem.UNREADABLE) {
                    unreadable.add(object.key() + " (" + reading.problem() + ")");
                }
                if (verdict.problem() != null) {
                    boolean fresh = freshAfter == null
                            || object.lastModified().isAfter(freshAfter)
                            || cursor.unsettled().containsKey(object.key());
                    if (fresh) {
                        reportOnce(reported, reports, object, verdict.problem(), verdict.reason());
                    }
                } else if (verdict.facts() != null) {
                    boolean fresh = freshAfter == null || object.lastModified().isAfter(freshAfter);
                    walk.consider(object, verdict.facts(), fresh);
                }
            }
            marker = page.nextMarker();
        } while (page.truncated() && marker != null);

        List<BackupFile> ready = walk.plan(request.maxFiles());
        for (ChainWalk.Covered covered : walk.covered()) {
            reportOnce(reported, reports, covered.object(), Problem.COVERED, covered.reason());
        }
        String gap = walk.gap(unreadable);
        boolean alarmDue =
                gap != null && chain.gapAlarmDueMillis() > 0 && now.toEpochMilli() >= chain.gapAlarmDueMillis();
        List<SeenObject> kept =
                reported.subList(Math.max(0, reported.size() - DiscoveryMemory.MAX_SEEN), reported.size());
        DiscoveryMemory next = new DiscoveryMemory(Map.of(), List.copyOf(kept), now);
        DiscoveryResult result = new DiscoveryResult(
                ready,
                List.copyOf(reports),
                new DiscoveryCursor(null, null, Map.copyOf(unsettled), next.encode()),
                listRequests,
                gap,
                alarmDue);
        boolean found = !ready.isEmpty() || !reports.isEmpty();
        log.atLevel(found ? Level.INFO : Level.DEBUG)
                .log(
                        "Discovery by headers of {}/{}: {} ready, {} reported, {} settling, {} list requests{}",
                        source.bucket(),
                        prefix,
                        ready.size(),
                        reports.size(),
                        unsettled.size(),
                        listRequests,
                        gap == null ? "" : "; " + gap);
        return result;
    }

    /** Reports the object unless it was reported already with the same content; remembers it. */
    private static void reportOnce(
            List<SeenObject> reported,
            List<BackupReport> reports,
            StoredObject object,
            Problem problem,
            String reason) {
        if (reported.stream().noneMatch(seen -> seen.key().equals(object.key()) && seen.sameContentAs(object))) {
            reports.add(new BackupReport(object.key(), problem, object.key() + ": " + reason));
            reported.add(new SeenObject(object.key(), object.size(), object.etag()));
        }
    }
}
