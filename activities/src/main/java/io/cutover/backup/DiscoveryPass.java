package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupFile.Kind;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryResult;
import io.cutover.backup.DiscoveryMemory.SeenObject;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.DatabaseNames;
import io.cutover.naming.ParsedName;
import io.cutover.spec.NamingSpec.Convention;
import io.cutover.spec.SourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one discovery pass (see {@link BackupDiscovery}), from listing to the next cursor:
 * list the marker and the streams, classify what was listed (settling, unusable, late, duplicate,
 * candidate), hand candidates on in chain order, and make the next cursor. It stays one class of
 * about 400 lines because those four steps share the pass's state (what was listed, what still
 * settles, what was seen): split apart, each would take all of it as parameters.
 */
final class DiscoveryPass {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryPass.class);

    /** An object that may be handed on, with what its name says. */
    private record Candidate(StoredObject object, ParsedName name) {}

    private final BackupStore store;
    private final SourceSpec source;
    private final BackupNaming naming;
    private final DiscoveryCursor cursor;
    private final DiscoveryMemory memory;
    private final long settleSeconds;
    private final String chainStart;
    private final String stagingFolder;
    private final Instant now;
    private final Instant lateWrittenAfter;

    private final Map<String, SeenObject> seenByKey = new HashMap<>();
    private final TreeMap<String, StoredObject> listed = new TreeMap<>();
    private final List<String> globalKeys = new ArrayList<>();
    private final Map<String, Long> unsettled = new TreeMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<StoredObject> withheld = new ArrayList<>();
    private final List<BackupFile> ready = new ArrayList<>();
    private final List<BackupReport> reports = new ArrayList<>();
    private final List<SeenObject> newlySeen = new ArrayList<>();
    private final Set<String> lateArrivals = new HashSet<>();
    private String lastOrderKey;
    private int listRequests;

    DiscoveryPass(
            BackupStore store,
            SourceSpec source,
            BackupNaming naming,
            DiscoveryCursor cursor,
            DiscoveryMemory memory,
            long settleSeconds,
            Instant now) {
        this.store = store;
        this.source = source;
        this.now = now;
        this.naming = naming;
        this.cursor = cursor;
        this.memory = memory;
        this.settleSeconds = settleSeconds;
        this.lastOrderKey = cursor.lastOrderKey();
        this.chainStart = source.fullBackup() == null
                ? null
                : naming.parse(source.fullBackup()).map(ParsedName::orderKey).orElse(null);
        this.stagingFolder = BackupStaging.folder(source.stagingPrefix());
        memory.seen().forEach(seen -> seenByKey.put(seen.key(), seen));
        // Late backups are looked for only where a day can be read from the names, and only once a
        // previous pass's time is known.
        this.lateWrittenAfter =
                memory.polledAt() == null || lastOrderKey == null || naming.convention() != Convention.OLA_HALLENGREN
                        ? null
                        : memory.polledAt().minusSeconds(settleSeconds);
    }

    /** The marker's listing, then each stream whose keys may sort before the marker. */
    void list() {
        String prefix = BackupDiscovery.prefixOf(source);
        for (StoredObject object : listAll(prefix, cursor.marker())) {
            listed.put(object.key(), object);
            globalKeys.add(object.key());
        }
        if (cursor.marker() == null) {
            return; // The first pass listed everything.
        }
        for (String stream : streamsToList(prefix)) {
            String tail = memory.tails().get(stream);
            for (StoredObject object : listAll(stream, listFrom(stream, tail))) {
                if (tail == null || object.key().compareTo(tail) > 0) {
                    listed.putIfAbsent(object.key(), object);
                } else if (writtenSincePreviousPass(object)) {
                    keepLateArrival(object);
                }
            }
        }
    }

    /**
     * Where to list a stream from: after its tail, or, for a log or differential stream with Ola
     * Hallengren names, from {@link BackupDiscovery#LATE_LOOKBACK} before the last handed-on backup's time if that
     * comes first, so that the same request also sees late backups of that window.
     */
    private String listFrom(String stream, String tail) {
        if (tail == null || lateWrittenAfter == null) {
            return tail;
        }
        Optional<Kind> kind = naming.parse(tail).map(ParsedName::kind);
        if (!kind.equals(Optional.of(Kind.LOG)) && !kind.equals(Optional.of(Kind.DIFF))) {
            return tail;
        }
        String windowStart = stream + BackupDiscovery.lookbackStart(lastOrderKey);
        return windowStart.compareTo(tail) < 0 ? windowStart : tail;
    }

    /**
     * Whether an object at or before its stream's tail is new since the previous pass began: an
     * object dealt with before was settled then, so written {@code settleSeconds} before that pass;
     * one still settling then is in the cursor's unsettled map.
     */
    private boolean writtenSincePreviousPass(StoredObject object) {
        return lateWrittenAfter != null
                && (object.lastModified().isAfter(lateWrittenAfter)
                        || cursor.unsettled().containsKey(object.key()));
    }

    private void keepLateArrival(StoredObject object) {
        boolean late = naming.parse(object.key())
                .map(name -> name.orderKey().compareTo(lastOrderKey) <= 0)
                .orElse(false);
        if (listed.putIfAbsent(object.key(), object) == null && late) {
            lateArrivals.add(object.key());
        }
    }

    private Set<String> streamsToList(String prefix) {
        Set<String> streams = new TreeSet<>(memory.tails().keySet());
        if (source.fullBackup() != null) {
            streams.addAll(naming.chainStreams(source.fullBackup()));
        }
        streams.removeIf(stream -> !stream.startsWith(prefix) || stream.compareTo(cursor.marker()) >= 0);
        return streams;
    }

    private List<StoredObject> listAll(String prefix, String marker) {
        List<StoredObject> objects = new ArrayList<>();
        String next = marker;
        ObjectPage page;
        do {
            page = store.list(source.bucket(), prefix, next, BackupStore.MAX_PAGE);
            listRequests++;
            objects.addAll(page.objects());
            next = page.nextMarker();
        } while (page.truncated() && next != null);
        return objects;
    }

    void classify() {
        for (StoredObject object : listed.values()) {
            if (object.key().equals(source.fullBackup())
                    || object.key().startsWith(stagingFolder)
                    || alreadySeen(object)) {
                continue;
            }
            Optional<ParsedName> name = naming.parse(object.key());
            if (name.isPresent()
                    && !DatabaseNames.match(source.database(), name.get().database())) {
                continue;
            }
            if (!settled(object)) {
                unsettled.put(object.key(), object.size());
                continue;
            }
            classifySettled(object, name);
        }
    }

    private void classifySettled(StoredObject object, Optional<ParsedName> parsed) {
        if (parsed.isEmpty()) {
            report(
                    object,
                    Problem.UNUSABLE,
                    "its name does not follow the " + naming.convention() + " naming convention");
            return;
        }
        ParsedName name = parsed.get();
        if (chainStart != null && name.orderKey().compareTo(chainStart) <= 0) {
            // Taken before the full backup: the full supersedes it, whatever its state.
            log.debug("{} is not newer than the full backup: not part of the chain", object.key());
        } else if (name.kind() == Kind.UNKNOWN) {
            report(object, Problem.UNUSABLE, "a copy-only or partial backup takes no part in the log chain");
        } else if (name.kind() == Kind.FULL) {
            log.debug("Full backup {} after the anchor: the log chain goes on without it", object.key());
        } else if (object.size() == 0) {
            report(object, Problem.UNUSABLE, "it is empty (0 bytes)");
        } else if (!object.isStandardClass()) {
            report(
                    object,
                    Problem.UNUSABLE,
                    "its storage class is " + object.storageClass() + "; DRS restores only from STANDARD");
        } else if (lastOrderKey != null && name.orderKey().compareTo(lastOrderKey) <= 0) {
            Optional<SeenObject> twin = seenTwin(object, name.orderKey());
            if (twin.isPresent()) {
                report(
                        object,
                        Problem.DUPLICATE,
                        "same order key or content as " + twin.get().key());
            } else {
                report(
                        object,
                        Problem.LATE,
                        "it comes before "
                                + lastOrderKey
                                + ", the last backup handed on; applying it would break the chain");
            }
        } else {
            Optional<SeenObject> twin =
                    memory.seen().stream().filter(s -> s.sameContentAs(object)).findFirst();
            if (twin.isPresent()) {
                report(
                        object,
                        Problem.DUPLICATE,
                        "same content (size and ETag) as " + twin.get().key());
            } else {
                candidates.add(new Candidate(object, name));
            }
        }
    }

    /**
     * Hands on settled candidates in chain order, never past a chain backup still settling (handing
     * on a later one first would make that one late), at most {@code maxFiles}.
     */
    void handOn(int maxFiles) {
        String settlingFrom = firstSettlingOrderKey();
        candidates.sort(Comparator.comparing((Candidate c) -> c.name().orderKey())
                .thenComparing(c -> c.object().key()));
        Map<String, String> passFingerprints = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            String orderKey = candidate.name().orderKey();
            StoredObject object = candidate.object();
            String fingerprint = object.size() + ":" + object.etag();
            if ((settlingFrom != null && orderKey.compareTo(settlingFrom) >= 0) || ready.size() >= maxFiles) {
                withheld.add(object);
            } else if (orderKey.equals(lastOrderKey)) {
                report(
                        object,
                        Problem.DUPLICATE,
                        "same order key as " + ready.get(ready.size() - 1).key());
            } else if (passFingerprints.containsKey(fingerprint)) {
                report(
                        object,
                        Problem.DUPLICATE,
                        "same content (size and ETag) as " + passFingerprints.get(fingerprint));
            } else {
                passFingerprints.put(fingerprint, object.key());
                ready.add(toBackupFile(object, candidate.name()));
                newlySeen.add(new SeenObject(object.key(), object.size(), object.etag()));
                lastOrderKey = orderKey;
            }
        }
    }

    private String firstSettlingOrderKey() {
        String first = null;
        for (String key : unsettled.keySet()) {
            Optional<ParsedName> name = naming.parse(key);
            if (name.isPresent()
                    && (name.get().kind() == Kind.LOG || name.get().kind() == Kind.DIFF)
                    && after(name.get().orderKey(), chainStart)
                    && after(name.get().orderKey(), cursor.lastOrderKey())
                    && (first == null || name.get().orderKey().compareTo(first) < 0)) {
                first = name.get().orderKey();
            }
        }
        return first;
    }

    /** Whether an order key comes after a bound (null: no bound). */
    private static boolean after(String orderKey, String bound) {
        return bound == null || orderKey.compareTo(bound) > 0;
    }

    DiscoveryResult result() {
        // Nothing at or after the first object left for a later pass may be passed over.
        String holdBack = null;
        for (StoredObject object : withheld) {
            holdBack = holdBack == null || object.key().compareTo(holdBack) < 0 ? object.key() : holdBack;
        }
        for (String key : unsettled.keySet()) {
            // A late object is never handed on: waiting for it to settle must not stop the marker.
            if (!lateArrivals.contains(key)) {
                holdBack = holdBack == null || key.compareTo(holdBack) < 0 ? key : holdBack;
            }
        }
        String marker = cursor.marker();
        for (String key : globalKeys) {
            if (holdBack == null || key.compareTo(holdBack) < 0) {
                marker = key;
            }
        }
        DiscoveryMemory nextMemory = new DiscoveryMemory(nextTails(holdBack), nextSeen(), now);
        DiscoveryCursor next = new DiscoveryCursor(marker, lastOrderKey, Map.copyOf(unsettled), nextMemory.encode());
        return new DiscoveryResult(List.copyOf(ready), List.copyOf(reports), next, listRequests);
    }

    private Map<String, String> nextTails(String holdBack) {
        Map<String, String> tails = new TreeMap<>(memory.tails());
        for (StoredObject object : listed.values()) {
            if (holdBack != null && object.key().compareTo(holdBack) >= 0) {
                break;
            }
            Optional<ParsedName> name = naming.parse(object.key());
            Optional<String> stream = naming.stream(object.key());
            if (name.isPresent()
                    && stream.isPresent()
                    && DatabaseNames.match(source.database(), name.get().database())) {
                tails.merge(stream.get(), object.key(), (old, key) -> key.compareTo(old) > 0 ? key : old);
            }
        }
        if (tails.size() <= DiscoveryMemory.MAX_STREAMS) {
            return tails;
        }
        // Keep the chain's own streams, then the streams that moved most recently.
        Set<String> chain =
                new HashSet<>(source.fullBackup() == null ? List.of() : naming.chainStreams(source.fullBackup()));
        List<Map.Entry<String, String>> entries = new ArrayList<>(tails.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, String> e) -> !chain.contains(e.getKey()))
                .thenComparing(
                        e -> naming.parse(e.getValue())
                                .map(ParsedName::orderKey)
                                .orElse(""),
                        Comparator.reverseOrder()));
        Map<String, String> kept = new TreeMap<>();
        entries.stream().limit(DiscoveryMemory.MAX_STREAMS).forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private List<SeenObject> nextSeen() {
        List<SeenObject> seen = new ArrayList<>(memory.seen());
        seen.addAll(newlySeen);
        return List.copyOf(seen.subList(Math.max(0, seen.size() - DiscoveryMemory.MAX_SEEN), seen.size()));
    }

    /**
     * Complete: listed by a store that lists only complete objects, or else old enough and the same
     * size as when the previous pass saw it (if it did).
     */
    private boolean settled(StoredObject object) {
        return object.settled(cursor.unsettled().get(object.key()), settleSeconds, now);
    }

    /** Listed again (behind a held-back marker) with the content it had when it was dealt with. */
    private boolean alreadySeen(StoredObject object) {
        SeenObject seen = seenByKey.get(object.key());
        return seen != null && seen.size() == object.size() && seen.etag().equals(object.etag());
    }

    private Optional<SeenObject> seenTwin(StoredObject object, String orderKey) {
        return memory.seen().stream()
                .filter(seen -> seen.sameContentAs(object)
                        || naming.parse(seen.key())
                                .map(n -> n.orderKey().equals(orderKey))
                                .orElse(false))
                .findFirst();
    }

    private void report(StoredObject object, Problem problem, String reason) {
        reports.add(new BackupReport(object.key(), problem, object.key() + ": " + reason));
        newlySeen.add(new SeenObject(object.key(), object.size(), object.etag()));
    }

    static BackupFile toBackupFile(StoredObject object, ParsedName name) {
        return object.toBackupFile(name.kind(), name.database(), name.orderKey(), null);
    }
}
