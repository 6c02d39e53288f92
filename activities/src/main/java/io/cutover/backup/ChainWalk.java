package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.HeaderFacts;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chain as SQL Server restores it, planned from the headers of the files in the bucket: from the
 * LSN the database stands at (after the full, the full's LastLSN), the next log is the one whose
 * range holds that LSN (FirstLSN &lt;= LSN &lt;= LastLSN), whatever its name or upload time.
 *
 * <ul>
 *   <li>A log without records at that LSN (FirstLSN = LastLSN) is applied in its turn, before the log
 *       that moves on; SQL Server accepts it and it may be the operator's final.
 *   <li>Of two logs that both move on from the LSN, the one reaching further is applied: a copy-only
 *       log overlaps the regular one that starts where it starts, and only one of them can apply.
 *       The other is then covered: reported, never submitted.
 *   <li>A log that ends exactly where the chain stands (say at a differential's LastLSN) moves
 *       nothing: covered, and the chain goes on with the log that starts there (dbatools #2167).
 *   <li>With differentials on, a differential on the campaign's full that reaches further than the
 *       LSN replaces the logs up to its LastLSN when that saves jobs (two logs or more) or bridges a
 *       missing log.
 * </ul>
 */
final class ChainWalk {

    /** A log the database is past, with the sentence that says so. */
    record Covered(StoredObject object, String reason) {}

    private record Candidate(
            StoredObject object, HeaderFacts facts, boolean fresh, Lsn first, Lsn last, String orderKey) {

        Candidate(StoredObject object, HeaderFacts facts, boolean fresh) {
            this(object, facts, fresh, Lsn.parse(facts.firstLsn()), Lsn.parse(facts.lastLsn()), facts.orderKey());
        }

        boolean empty() {
            return first.equals(last);
        }

        /** Whether another log's range holds all of this one's: the other can stand for it. */
        boolean within(Candidate other) {
            if (other == this || other.first.compareTo(first) > 0 || other.last.compareTo(last) < 0) {
                return false;
            }
            boolean same = other.first.equals(first) && other.last.equals(last);
            return !same || other.object.key().compareTo(object.key()) < 0;
        }
    }

    private static final Comparator<Candidate> CHAIN_ORDER = Comparator.comparing(Candidate::orderKey)
            .thenComparing(c -> c.object().key());

    private final ChainRequest chain;
    private final List<Candidate> logs = new ArrayList<>();
    private final List<Candidate> differentials = new ArrayList<>();
    private final List<Candidate> taken = new ArrayList<>();
    private final Lsn startAt;
    private final String startHead;
    private Lsn at;
    private String head;

    ChainWalk(ChainRequest chain) {
        this.chain = chain;
        this.startHead = chain.headOrderKey();
        this.startAt = HeaderFacts.lastLsnOf(startHead);
        this.at = startAt;
        this.head = startHead;
    }

    /**
     * A readable file of the campaign's database that takes part in the chain.
     *
     * @param fresh written since the previous pass: reported as covered even if the chain passed its
     *     place before
     */
    void consider(StoredObject object, HeaderFacts facts, boolean fresh) {
        Candidate candidate = new Candidate(object, facts, fresh);
        (facts.type() == BackupType.DIFF ? differentials : logs).add(candidate);
    }

    /** The files that continue the chain from where it stands, in chain order, at most {@code max}. */
    List<BackupFile> plan(int max) {
        while (taken.size() < max) {
            Candidate next = differentialWorthTaking();
            if (next == null) {
                next = nextLog(at, head);
            }
            if (next == null) {
                break;
            }
            taken.add(next);
            at = next.last();
            head = next.orderKey();
        }
        return taken.stream().map(ChainWalk::toBackupFile).toList();
    }

    /**
     * The logs the chain is past that were not reported before: those this pass's files passed, and
     * those written since the previous pass that another log stands for.
     */
    List<Covered> covered() {
        List<Covered> covered = new ArrayList<>();
        for (Candidate log : logs) {
            if (taken.contains(log) || !coveredAt(log, at, head)) {
                continue;
            }
            boolean passedNow = !coveredAt(log, startAt, startHead);
            boolean arrivedLate = log.fresh() && logs.stream().anyMatch(log::within);
            if (passedNow || arrivedLate) {
                covered.add(new Covered(
                        log.object(),
                        "a log backup of LSN " + log.first() + " to " + log.last() + "; the database is already at LSN "
                                + at + ": already covered, not submitted"));
            }
        }
        return covered;
    }

    /**
     * When nothing holds the LSN the chain continues at but a later log is in the bucket: what the
     * campaign waits for, naming the missing LSN; else null.
     *
     * @param unreadable objects whose header could not be read: one of them may be the missing log
     */
    String gap(List<String> unreadable) {
        if (nextLog(at, head) != null) {
            return null;
        }
        Candidate beyond = logs.stream()
                .filter(log -> log.first().compareTo(at) > 0)
                .min(Comparator.comparing(Candidate::first))
                .orElse(null);
        if (beyond == null) {
            return null;
        }
        String gap = "waiting for a log backup that includes LSN " + at + "; the next log in the bucket, "
                + beyond.object().key() + ", starts at LSN " + beyond.first() + ": a log backup is missing";
        if (!unreadable.isEmpty()) {
            gap += " (" + unreadable.size() + " object(s) under the prefix cannot be read, e.g. " + unreadable.get(0)
                    + ")";
        }
        return gap;
    }

    private Candidate nextLog(Lsn lsn, String after) {
        Candidate empty = null;
        Candidate forward = null;
        for (Candidate log : logs) {
            if (taken.contains(log) || log.first().compareTo(lsn) > 0) {
                continue;
            }
            if (log.empty() && log.last().equals(lsn) && log.orderKey().compareTo(after) > 0) {
                empty = empty == null || CHAIN_ORDER.compare(log, empty) < 0 ? log : empty;
            } else if (log.last().compareTo(lsn) > 0) {
                int further = forward == null ? 1 : log.last().compareTo(forward.last());
                forward = further > 0 || (further == 0 && CHAIN_ORDER.compare(log, forward) < 0) ? log : forward;
            }
        }
        return empty != null ? empty : forward;
    }

    /** Whether the chain at {@code lsn}, after {@code after}, has no use for the log. */
    private static boolean coveredAt(Candidate log, Lsn lsn, String after) {
        int end = log.last().compareTo(lsn);
        return end < 0 || (end == 0 && !(log.empty() && log.orderKey().compareTo(after) > 0));
    }

    private Candidate differentialWorthTaking() {
        if (!chain.differentials()) {
            return null;
        }
        Candidate best = null;
        for (Candidate differential : differentials) {
            if (!taken.contains(differential)
                    && differential.last().compareTo(at) > 0
                    && (best == null || differential.last().compareTo(best.last()) > 0)) {
                best = differential;
            }
        }
        return best == null || logsToReach(best.last()) == 1 ? null : best;
    }

    /** How many logs take the chain from where it stands to {@code target}; -1 when one is missing. */
    private int logsToReach(Lsn target) {
        Lsn lsn = at;
        String after = head;
        List<Candidate> path = new ArrayList<>();
        while (lsn.compareTo(target) < 0) {
            Candidate next = nextLog(lsn, after);
            if (next == null || path.contains(next) || path.size() > logs.size()) {
                return -1;
            }
            path.add(next);
            lsn = next.last();
            after = next.orderKey();
        }
        return path.size();
    }

    private static BackupFile toBackupFile(Candidate candidate) {
        HeaderFacts facts = candidate.facts();
        BackupFile.Kind kind = facts.type() == BackupType.DIFF ? BackupFile.Kind.DIFF : BackupFile.Kind.LOG;
        return candidate.object().toBackupFile(kind, facts.database(), candidate.orderKey(), facts);
    }
}
