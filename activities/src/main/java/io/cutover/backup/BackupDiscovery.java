package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.naming.BackupNaming;
import io.cutover.spec.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One discovery pass over a backup prefix: which backups settled since the cursor, in chain order,
 * and which objects are late, duplicated or unusable.
 *
 * <p>Listing cost does not grow with the number of backups already in the prefix: a pass lists what
 * sorts after the marker, plus each known stream (one per database, kind and folder) after its own
 * last key. Streams matter where a prefix's keys do not increase with time, as with several
 * databases, or DIFF, FULL and LOG backups side by side: a new log of the first database sorts
 * before the marker that the second one's keys pushed forward, but after the last key of its own
 * stream. Before any log exists, the streams where an Ola Hallengren full's logs will appear are
 * derived from its name.
 *
 * <p>Nothing listed is lost: the marker and the stream tails never pass an object that was not
 * dealt with (still settling, or beyond this pass's {@code maxFiles}), so it is listed again.
 *
 * <p>A late backup, uploaded after a later one of its stream was handed on, sorts before that
 * stream's tail and often before the marker too. With Ola Hallengren names, a log or differential
 * stream is therefore listed from {@link #LATE_LOOKBACK} before the last handed-on backup's time
 * ({@code ..._LOG_yyyyMMdd_HHmmss}) instead of after its tail: the same requests, plus one page per
 * 1,000 backups of that stream in that window, however many objects the prefix holds. A fixed
 * window rather than the start of that backup's day, because a log taken at 23:58 and uploaded
 * after 00:03's was handed on is the late backup a DBA meets most, and a day's start would not
 * list it. Of the objects at or before the tail, only those written after the previous pass began,
 * less the settle time, are dealt with: an object an earlier pass handed on or reported was settled
 * then, so it was written before that bound and is not reported again, and one still settling then
 * is in the cursor's unsettled map. So a late backup within the window is reported once as LATE
 * and never handed on. One older than the window is not reported (nor handed on). With LEXICAL
 * names, and with REGEX names (whose timestamp need not be a date), no time can be derived: a late
 * backup is reported only where the marker or a stream tail lists it.
 */
public final class BackupDiscovery {

    private static final Logger log = LoggerFactory.getLogger(BackupDiscovery.class);

    /**
     * How far before the last handed-on backup's time a log or differential stream is listed, to see
     * late backups. Twelve hours: a late upload is a matter of minutes or hours (a copy job that ran
     * behind, a share that was away), and at a log a minute the window still fits one listing page.
     */
    static final Duration LATE_LOOKBACK = Duration.ofHours(12);

    private static final DateTimeFormatter ORDER_KEY_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OLA_NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss");

    /** Listing requests one search for missing links makes at most (a million keys). */
    static final int MAX_LINK_PAGES = 1_000;

    /** Files handed on by one pass at most, whatever the request asks: keeps the cursor bounded. */
    static final int MAX_FILES_PER_PASS = 100;

    private final BackupStore store;
    private final Clock clock;

    public BackupDiscovery(BackupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs one pass. Store failures propagate as {@link BackupStoreException}; the caller's cursor is
     * then still the one to use, so nothing is skipped.
     *
     * @throws IllegalArgumentException naming the field of a request that cannot be served
     */
    public DiscoveryResult discover(DiscoveryRequest request) {
        validate(request);
        SourceSpec source = request.source();
        BackupNaming naming = BackupNaming.of(source.naming());
        DiscoveryCursor cursor = request.cursor() == null ? DiscoveryCursor.start() : request.cursor();
        DiscoveryMemory memory = DiscoveryMemory.decode(
                cursor.recentKeys(), key -> naming.stream(key).orElse(null));
        // Taken before listing: whatever is written while this pass lists is newer, so the next pass
        // looks at it again.
        Instant now = clock.instant();
        DiscoveryPass pass = new DiscoveryPass(store, source, naming, cursor, memory, request.settleSeconds(), now);

        pass.list();
        pass.classify();
        pass.handOn(Math.min(request.maxFiles(), MAX_FILES_PER_PASS));
        DiscoveryResult result = pass.result();
        // A pass that finds nothing happens every poll interval for weeks: only worth a debug line.
        boolean found = !result.ready().isEmpty() || !result.reports().isEmpty();
        log.atLevel(found ? Level.INFO : Level.DEBUG)
                .log(
                        "Discovery of {}/{}: {} ready, {} reported, {} settling, {} list requests",
                        source.bucket(),
                        prefixOf(source),
                        result.ready().size(),
                        result.reports().size(),
                        result.next().unsettled().size(),
                        result.listRequests());
        return result;
    }

    /**
     * The log backups missing from the chain just before a blocked one (see {@link
     * io.cutover.activity.BackupActivities#findMissingLinks}, and {@link MissingLinkSearch}).
     */
    public List<BackupFile> missingLinks(MissingLinkRequest request) {
        requireBucket(request.source());
        return new MissingLinkSearch(store, clock).find(request);
    }

    private static void validate(DiscoveryRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("source: is required");
        }
        requireBucket(request.source());
        if (request.maxFiles() < 1) {
            throw new IllegalArgumentException("maxFiles: must be at least 1, got " + request.maxFiles());
        }
        if (request.settleSeconds() < 0) {
            throw new IllegalArgumentException("settleSeconds: must not be negative, got " + request.settleSeconds());
        }
    }

    static void requireBucket(SourceSpec source) {
        if (source == null) {
            throw new IllegalArgumentException("source: is required");
        }
        if (source.bucket() == null || source.bucket().isBlank()) {
            throw new IllegalArgumentException("source.bucket: is required");
        }
    }

    static String prefixOf(SourceSpec source) {
        return source.prefix() == null ? "" : source.prefix();
    }

    /**
     * The Ola Hallengren name timestamp ({@code yyyyMMdd_HHmmss}) {@link #LATE_LOOKBACK} before an
     * order key's time; keys of a stream that sort after {@code stream + this} were taken since then.
     * Names carry the server's local time: a daylight-saving hour moves the window by an hour.
     */
    static String lookbackStart(String orderKey) {
        return olaNameTime(orderKey, LATE_LOOKBACK);
    }

    /** The Ola Hallengren name timestamp of an order key's time, less {@code before}. */
    static String olaNameTime(String orderKey, Duration before) {
        LocalDateTime taken = LocalDateTime.parse(orderKey.substring(0, 14), ORDER_KEY_TIME);
        return taken.minus(before).format(OLA_NAME_TIME);
    }
}
