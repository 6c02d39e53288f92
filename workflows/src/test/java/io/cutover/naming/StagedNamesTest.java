package io.cutover.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupFile;
import io.cutover.activity.HeaderFacts;
import io.cutover.headers.BackupType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The names of staged copies, as the DRS console shows them (issue 15). */
class StagedNamesTest {

    private static final long DEC_4 = Instant.parse("2026-12-04T00:05:00Z").toEpochMilli();

    private static BackupFile file(String key, BackupFile.Kind kind, String database, HeaderFacts header) {
        return new BackupFile(key, 1024, "etag", DEC_4, "STANDARD", kind, database, key, header);
    }

    private static HeaderFacts header(BackupType type, String database, long startedAtMillis) {
        return new HeaderFacts(
                type,
                database,
                "SRV",
                "1",
                "2",
                "1",
                "1",
                null,
                "guid",
                "2026-12-04T00:00:00",
                15,
                1,
                false,
                startedAtMillis);
    }

    /** Before: UNKNOWN_db1-2FSRV-24INST_db1_FULL_20261204_000000-2Ebak.bak. */
    @Test
    void aFullBackupReadsLikeTheSourceDatabaseKindAndTime() {
        String name = StagedNames.of(
                file("db1/SRV$INST_db1_FULL_20261204_000000.bak", BackupFile.Kind.FULL, null, null), "db1");

        assertTrue(name.matches("db1_FULL_20261204_000500_[0-9a-f]{6}\\.bak"), name);
        assertTrue(BackupNaming.isDrsCompliant(name), name);
    }

    /** A name that says when the backup was taken gives the copy that time, not the upload's. */
    @Test
    void theTimeInTheSourcesNameIsKept() {
        BackupFile log = new BackupFile(
                "erp/billing/SQL01_Billing_LOG_20261128_120300.trn",
                512,
                "etag",
                DEC_4,
                "STANDARD",
                BackupFile.Kind.LOG,
                "Billing",
                "20261128120300_000000",
                null);

        assertTrue(StagedNames.of(log, "Billing").startsWith("Billing_LOG_20261128_120300_"), StagedNames.of(log, "x"));
    }

    @Test
    void theHeadersKindDatabaseAndStartTimeComeFirst() {
        long taken = Instant.parse("2017-06-01T13:04:13Z").toEpochMilli();
        String name = StagedNames.of(
                file(
                        "x/RestoreTimeClean_1.trn",
                        BackupFile.Kind.UNKNOWN,
                        null,
                        header(BackupType.LOG, "RestoreTimeClean", taken)),
                "ignored");

        assertTrue(name.startsWith("RestoreTimeClean_LOG_20170601_130413_"), name);
    }

    /** Two sources alike in database, kind and second stay apart; the same source keeps its name. */
    @Test
    void namesAreUniqueAndStableAndWithinDrsRules() {
        BackupFile one = file("a/orders log.trn", BackupFile.Kind.LOG, "Orders DB", null);
        BackupFile two = file("b/orders log.trn", BackupFile.Kind.LOG, "Orders DB", null);

        assertNotEquals(StagedNames.of(one, "x"), StagedNames.of(two, "x"));
        assertEquals(StagedNames.of(one, "x"), StagedNames.of(one, "x"));
        assertTrue(BackupNaming.isDrsCompliant(StagedNames.of(one, "x")), StagedNames.of(one, "x"));
        String longName = StagedNames.of(file("c/k.trn", BackupFile.Kind.LOG, "d".repeat(300), null), "x");
        assertTrue(BackupNaming.isDrsCompliant(longName) && longName.length() <= 204, longName);
    }
}
