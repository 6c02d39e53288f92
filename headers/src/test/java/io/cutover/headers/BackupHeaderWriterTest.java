package io.cutover.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the writer writes, the reader reads back whole, every field, as it reads real backups. */
class BackupHeaderWriterTest {

    @Test
    void aWrittenDifferentialReadsBackFieldForField() {
        BackupHeader written = new BackupHeader(
                "Sales",
                "SQL01\\PROD",
                BackupType.DIFF,
                Lsn.parse("39000000048800071"),
                Lsn.parse("39000000058800001"),
                Lsn.parse("39000000048800071"),
                Lsn.parse("39000000012300037"),
                Lsn.parse("39000000012300037"),
                UUID.fromString("5af3e50d-1111-4a2b-9c3d-0123456789ab"),
                UUID.fromString("0c0ad1c0-2222-4b3c-8d4e-fedcba987654"),
                LocalDateTime.of(2019, 5, 2, 21, 15, 56),
                852,
                "13.0.5026",
                1,
                1,
                1,
                true,
                false,
                -20);

        BackupHeader read = BackupHeaderReader.read(BackupHeaderWriter.write(written, 10_000));

        assertEquals(written, read);
    }

    @Test
    void aStripedLogWithAPasswordKeepsBothMarks() {
        BackupHeader written = new BackupHeader(
                "Sales",
                "SQL01",
                BackupType.LOG,
                new Lsn(4_294_967_295L, 0, 65_535),
                new Lsn(4_294_967_295L, 4_294_967_295L, 65_535),
                Lsn.parse("1"),
                Lsn.parse("0"),
                null,
                null,
                UUID.randomUUID(),
                LocalDateTime.of(2026, 12, 4, 0, 5, 0),
                904,
                "15.0.2000",
                3,
                2,
                1,
                false,
                true,
                BackupHeader.UNKNOWN_TIME_ZONE);

        assertEquals(written, BackupHeaderReader.read(BackupHeaderWriter.write(written, 0)));
    }

    @Test
    void aFileCutBeforeTheSqlServerRecordIsRefusedAsTruncated() {
        byte[] whole =
                BackupHeaderWriter.write(SqlServerFixtures.header("RestoreTimeClean/RestoreTimeClean_1.trn"), 100);

        UnreadableBackupException refused = assertThrows(
                UnreadableBackupException.class, () -> BackupHeaderReader.read(Arrays.copyOf(whole, 0xE10)));

        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
    }

    @Test
    void lsnsSortAsTextInTheirNumericOrder() {
        Lsn small = Lsn.parse("25000000013200001");
        Lsn large = new Lsn(4_294_967_295L, 4_294_967_295L, 65_535);

        assertTrue(small.sortable().compareTo(large.sortable()) < 0);
        assertEquals(25, large.sortable().length());
        assertEquals(small, Lsn.parse(small.toString()));
        assertEquals(new Lsn(25, 132, 1), small);
    }
}
