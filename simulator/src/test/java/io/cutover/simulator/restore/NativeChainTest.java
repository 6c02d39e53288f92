package io.cutover.simulator.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cutover.headers.BackupHeader;
import io.cutover.headers.SqlServerFixtures;
import org.junit.jupiter.api.Test;

/**
 * SQL Server's restore rules as the simulator plays them, on the real fixture backups, with SQL
 * Server's messages (shared/reference/sqlserver-backup-headers.md).
 */
class NativeChainTest {

    private static final String RTC = "RestoreTimeClean/";
    private static final String OLA = "OlaMsFilter/complex/";

    private static BackupHeader header(String path) {
        return SqlServerFixtures.header(path);
    }

    private static NativeChain afterFull(String path) {
        return NativeChain.afterFull(SqlServerFixtures.fileName(path), header(path));
    }

    private static NativeChain apply(NativeChain chain, String path) {
        return chain.apply(SqlServerFixtures.fileName(path), "db", header(path));
    }

    @Test
    void theWholeRestoreTimeCleanChainApplies() {
        NativeChain chain = afterFull(RTC + "RestoreTimeClean.bak");
        for (String log : new String[] {"_1", "_2", "_3", "2_1", "2_2", "2_3"}) {
            chain = apply(chain, RTC + "RestoreTimeClean" + log + ".trn");
        }

        assertEquals("25000000022000001", chain.lsn().toString());
    }

    @Test
    void theFirstLogIsFoundByTheFullsLastLsnEvenThoughItStartsBeforeTheFull() {
        NativeChain chain = afterFull(RTC + "RestoreTimeClean.bak");

        assertEquals(
                "25000000015300001",
                apply(chain, RTC + "RestoreTimeClean_1.trn").lsn().toString());
    }

    @Test
    void aLogAfterAGapIsTooRecentNamingTheLsnNeeded() {
        NativeChain chain = apply(afterFull(RTC + "RestoreTimeClean.bak"), RTC + "RestoreTimeClean_1.trn");

        RestoreFailure failure = assertThrows(RestoreFailure.class, () -> apply(chain, RTC + "RestoreTimeClean_3.trn"));

        assertEquals(
                "The log in this backup set (backup file RestoreTimeClean_3.trn, database db) begins at LSN"
                        + " 25000000016300001, which is too recent to apply to the database. An earlier log backup"
                        + " that includes LSN 25000000015300001 can be restored.",
                failure.getMessage());
    }

    @Test
    void aLogAppliedAgainIsTooEarly() {
        NativeChain chain = apply(
                apply(afterFull(RTC + "RestoreTimeClean.bak"), RTC + "RestoreTimeClean_1.trn"),
                RTC + "RestoreTimeClean_2.trn");

        RestoreFailure failure = assertThrows(RestoreFailure.class, () -> apply(chain, RTC + "RestoreTimeClean_1.trn"));

        assertEquals(
                "The log in this backup set (backup file RestoreTimeClean_1.trn, database db) terminates at LSN"
                        + " 25000000015300001, which is too early to apply to the database. A more recent log backup"
                        + " that includes LSN 25000000016300001 can be restored.",
                failure.getMessage());
    }

    @Test
    void aDifferentialAppliesOnItsOwnFullOnly() {
        NativeChain first = afterFull(OLA + "Full/test_FULL_20160629_141300.bak");

        assertEquals(
                "21000000019900001",
                apply(first, OLA + "Diff/test_DIFF_20160629_141900.bak").lsn().toString());
        RestoreFailure failure =
                assertThrows(RestoreFailure.class, () -> apply(first, OLA + "Diff/test_DIFF_20160629_142500.bak"));
        assertEquals(
                "This differential backup cannot be restored because the database has not been restored to the"
                        + " correct earlier state. (backup file test_DIFF_20160629_142500.bak, database db)",
                failure.getMessage());
    }

    @Test
    void logsWithoutRecordsApplyInTheirTurnAndTheChainRunsAcrossTheSecondFull() {
        NativeChain chain = afterFull(OLA + "Full/test_FULL_20160629_141300.bak");
        for (String path : SqlServerFixtures.OLA_COMPLEX) {
            if (path.contains("/Log/")) {
                chain = apply(chain, path);
            }
        }

        assertEquals("21000000024100001", chain.lsn().toString());
    }

    @Test
    void aLogIsNotAFullAndStripedOrPasswordMediaAreRefused() {
        assertThrows(RestoreFailure.class, () -> afterFull(RTC + "RestoreTimeClean_1.trn"));
        NativeChain chain = afterFull(RTC + "RestoreTimeClean.bak");
        BackupHeader log = header(RTC + "RestoreTimeClean_1.trn");

        RestoreFailure striped = assertThrows(
                RestoreFailure.class,
                () -> chain.apply("s.trn", "db", log.toBuilder().familyCount(2).build()));
        RestoreFailure password = assertThrows(
                RestoreFailure.class,
                () -> chain.apply(
                        "p.trn", "db", log.toBuilder().mediaPassword(true).build()));

        assertEquals(
                "The media set has 2 media families but only 1 are provided. All members must be provided. (backup"
                        + " file s.trn)",
                striped.getMessage());
        assertEquals(
                "The media set of backup file p.trn is protected by a password, and no password was given.",
                password.getMessage());
    }
}
