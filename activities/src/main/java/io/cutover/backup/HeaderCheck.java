package io.cutover.backup;

import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.HeaderFacts;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;

/**
 * The checks a backup passes before any job is made from it, by its header: a file that would make
 * a DRS job fail gets a named problem instead, and the rest of the chain goes on without it.
 */
final class HeaderCheck {

    record Verdict(HeaderFacts facts, Problem problem, String reason) {}

    private HeaderCheck() {}

    static Verdict check(StoredObject object, HeaderCache.Reading reading, ChainRequest chain) {
        HeaderFacts full = chain.full();
        if (!object.isStandardClass()) {
            return refuse(
                    Problem.UNUSABLE,
                    "its storage class is " + object.storageClass() + "; DRS restores only from STANDARD");
        }
        if (reading.header() == null) {
            return refuse(Problem.UNREADABLE, "its header cannot be read: " + reading.problem());
        }
        BackupHeader header = reading.header();
        HeaderFacts facts = HeaderFacts.of(header);
        if (!header.databaseName().equalsIgnoreCase(full.database())
                || !header.serverName().equalsIgnoreCase(full.server())) {
            return refuse(
                    Problem.OTHER_DATABASE,
                    "a backup of database " + header.databaseName() + " on " + header.serverName() + ", not of "
                            + full.database() + " on " + full.server());
        }
        if (header.type() == BackupType.FULL || header.lastLsn().compareTo(Lsn.parse(full.lastLsn())) < 0) {
            // Other fulls, and whatever the full backup already holds: no part of this chain.
            return new Verdict(null, null, null);
        }
        if (header.type() != BackupType.LOG && header.type() != BackupType.DIFF) {
            return refuse(Problem.UNUSABLE, "a " + header.type() + " backup takes no part in the log chain");
        }
        if (header.familyCount() > 1) {
            return refuse(
                    Problem.STRIPED,
                    "one of " + header.familyCount() + " files of a striped backup; DRS restores a backup"
                            + " from one file: take it again to a single file");
        }
        if (header.mediaPassword()) {
            return refuse(Problem.PASSWORD, "its media has a password, which DRS cannot give");
        }
        if (chain.targetMajorVersion() > 0 && facts.softwareMajor() > chain.targetMajorVersion()) {
            return refuse(
                    Problem.TOO_NEW,
                    "taken by SQL Server " + header.softwareVersion() + ", newer than the target's (major "
                            + chain.targetMajorVersion() + "): it cannot be restored there");
        }
        if (header.type() == BackupType.DIFF && !onTheFull(facts, full)) {
            return refuse(
                    Problem.WRONG_BASE,
                    "a differential based on the full with checkpoint LSN " + facts.databaseBackupLsn()
                            + ", not on the campaign's full (checkpoint LSN " + full.checkpointLsn()
                            + "): it cannot be restored on it");
        }
        if (header.type() == BackupType.DIFF && !chain.differentials()) {
            return new Verdict(null, null, null);
        }
        return new Verdict(facts, null, null);
    }

    /** Its base is the campaign's full: by the full's BackupSetGUID, else its CheckpointLSN. */
    static boolean onTheFull(HeaderFacts differential, HeaderFacts full) {
        if (differential.differentialBaseGuid() != null && full.backupSetGuid() != null) {
            return differential.differentialBaseGuid().equalsIgnoreCase(full.backupSetGuid());
        }
        return differential.databaseBackupLsn().equals(full.checkpointLsn());
    }

    private static Verdict refuse(Problem problem, String reason) {
        return new Verdict(null, problem, reason);
    }
}
