package io.cutover.campaign;

import io.cutover.activity.BackupFile;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.HeaderFacts;
import io.cutover.activity.HeaderReading;
import io.cutover.campaign.CampaignNotes.Alarm;
import io.cutover.headers.BackupType;
import io.cutover.naming.DatabaseNames;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.ChainSpec;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the campaign plans its log chain: by the backups' headers, from the full backup's (any file
 * names work, gaps are seen before DRS), or by their names where the full backup's header cannot be
 * read (a compressed backup), with that reason shown. Decided once, before the full restore, and
 * carried. While the chain waits for a missing log it shows which LSN it waits for, and raises the
 * missing-log alarm once the gap has lasted {@code chain.gapAlarmSeconds}.
 */
final class ChainPlanning {

    /**
     * The carried decision and gap.
     *
     * @param full the full backup's header when the chain is planned by headers, else null
     * @param byNamesBecause why the chain is planned by names, else null
     * @param gap what the chain waits for, or null
     * @param gapSinceMillis since when it waits for it, or -1
     * @param restored the header of the last backup restored (the full's first), or null
     */
    record State(HeaderFacts full, String byNamesBecause, String gap, long gapSinceMillis, HeaderFacts restored) {}

    private final CampaignSpec spec;
    private final CampaignNotes notes;
    private HeaderFacts full;
    private String byNamesBecause;
    private String gap;
    private long gapSinceMillis = -1;
    private HeaderFacts restored;

    ChainPlanning(CampaignSpec spec, State carried, CampaignNotes notes) {
        this.spec = spec;
        this.notes = notes;
        if (carried != null) {
            full = carried.full();
            byNamesBecause = carried.byNamesBecause();
            gap = carried.gap();
            gapSinceMillis = carried.gapSinceMillis();
            restored = carried.restored();
        }
    }

    boolean decided() {
        return full != null || byNamesBecause != null;
    }

    boolean byHeaders() {
        return full != null;
    }

    /** The full backup's header, when the chain is planned by headers. */
    HeaderFacts full() {
        return full;
    }

    /**
     * Reads the full backup's header and decides, once per campaign, before its full restore:
     * campaigns that began before this existed, or whose full restore began before, keep planning
     * by names. Returns why the campaign cannot run, naming the spec's field, or empty.
     *
     * @param fullStarted whether the full restore began already (or a run came before this one)
     */
    Optional<String> decideOnce(CampaignActivities activities, boolean fullStarted) {
        if (decided() || fullStarted || !CampaignVersions.adopted(CampaignVersions.LSN_CHAIN)) {
            return Optional.empty();
        }
        String key = spec.source().fullBackup();
        return decide(activities
                .localBackup("read the header of the full backup " + key)
                .readHeader(spec.source().bucket(), key));
    }

    /**
     * Decides from what the full backup's header says. Returns why the campaign cannot run, naming
     * the spec's field, or empty.
     */
    Optional<String> decide(HeaderReading reading) {
        String key = spec.source().fullBackup();
        HeaderFacts facts = reading.facts();
        if (facts == null) {
            if (spec.source().naming() == null) {
                return Optional.of("source.naming: is required for this campaign: the full backup " + key
                        + " has no header that can be read (" + reading.problem()
                        + "), so its chain can only be planned by names");
            }
            byNamesBecause = "the full backup's header cannot be read: " + reading.problem();
            notes.report("chain planned by names (" + spec.source().naming().convention() + "): " + byNamesBecause);
            return Optional.empty();
        }
        if (facts.type() != BackupType.FULL) {
            return Optional.of(
                    "source.fullBackup: " + key + " is not a full backup: its header says " + facts.describe());
        }
        if (spec.source().database() != null
                && !DatabaseNames.match(spec.source().database(), facts.database())) {
            return Optional.of("source.database: the full backup " + key + " is a backup of database "
                    + facts.database() + ", not " + spec.source().database());
        }
        full = facts;
        notes.report("chain planned by the backups' headers, from the full backup: " + facts.describe());
        return Optional.empty();
    }

    /** What discovery needs to plan the chain on from {@code headOrderKey} (the full's before any). */
    ChainRequest request(String headOrderKey) {
        ChainSpec settings = spec.chainOrDefaults();
        return new ChainRequest(
                full,
                headOrderKey == null ? full.orderKey() : headOrderKey,
                settings.differentials(),
                settings.targetMajorVersion(),
                gap,
                notes.raised(Alarm.MISSING_LOG) || gap == null ? -1 : gapAlarmDueMillis());
    }

    /** A pass's news about the gap: shown at once, its alarm once it has lasted. */
    void observe(DiscoveryResult result) {
        if (!Objects.equals(result.gap(), gap)) {
            gap = result.gap();
            gapSinceMillis = gap == null ? -1 : Workflow.currentTimeMillis();
            notes.clear(Alarm.MISSING_LOG);
            if (gap != null) {
                notes.report(gap);
            }
        }
        if (gap != null && result.gapAlarmDue() && !notes.raised(Alarm.MISSING_LOG)) {
            notes.raise(
                    Alarm.MISSING_LOG,
                    gap + " (for more than " + spec.chainOrDefaults().gapAlarmSecondsOrDefault()
                            + " s: find the missing log backup and upload it under the source prefix)");
        }
    }

    /** A backup of the chain was restored (the full, a log or a differential): the database is at its LastLSN. */
    void restored(HeaderFacts header) {
        if (header != null) {
            restored = header;
        }
    }

    /** What the status shows: how the chain is planned, where it stands, what it waits for. */
    CampaignStatus.ChainView view(List<BackupFile> pending) {
        if (!decided()) {
            return null;
        }
        String plannedBy = byHeaders()
                ? "the backups' headers"
                : "names (" + spec.source().naming().convention() + "): " + byNamesBecause;
        String upTo = restored == null
                ? null
                : "restored up to LSN " + restored.lastLsn() + ", taken " + restored.startedAt() + " at the source";
        List<String> files = pending.stream()
                .filter(file -> file.header() != null)
                .map(file -> file.fileName() + ": " + file.header().type() + ", LSN "
                        + file.header().firstLsn() + " to " + file.header().lastLsn())
                .toList();
        return new CampaignStatus.ChainView(plannedBy, upTo, gap, gapSinceMillis, files);
    }

    private long gapAlarmDueMillis() {
        return gapSinceMillis + spec.chainOrDefaults().gapAlarmSecondsOrDefault() * 1000;
    }

    void carry(CampaignState.Builder next) {
        next.planning(decided() ? new State(full, byNamesBecause, gap, gapSinceMillis, restored) : null);
    }
}
