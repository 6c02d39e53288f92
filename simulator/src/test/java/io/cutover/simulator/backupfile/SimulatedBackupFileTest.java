package io.cutover.simulator.backupfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedBackupFileTest {

    @TempDir
    Path folder;

    @Test
    void writesTheDocumentedHeaderLineThenFiller() throws IOException {
        Path file = SimulatedBackupFile.write(
                folder.resolve("a/b/sales_full.bak"), BackupHeader.full("sales", 10, 20), 100);

        byte[] content = Files.readAllBytes(file);
        String expectedLine = "DRSSIM-BACKUP v1 db=sales type=FULL first_lsn=10 last_lsn=20\n";
        assertEquals(expectedLine.length() + 100, content.length);
        assertEquals(expectedLine, new String(content, 0, expectedLine.length(), StandardCharsets.US_ASCII));
    }

    @Test
    void readsBackWhatItWrote() {
        BackupHeader header = BackupHeader.log("Sales_DB", 34_000_000_012_300_001L, 34_000_000_015_600_001L);
        Path file = SimulatedBackupFile.write(folder.resolve("log.bak"), header);

        assertEquals(Optional.of(header), SimulatedBackupFile.read(file));
    }

    @Test
    void contentIsDeterministic() {
        BackupHeader header = BackupHeader.full("db", 1, 2);

        assertArrayEquals(SimulatedBackupFile.toBytes(header, 5000), SimulatedBackupFile.toBytes(header, 5000));
    }

    @Test
    void aFileWithoutTheMagicHasNoHeader() throws IOException {
        Path file = Files.writeString(folder.resolve("real.bak"), "TAPE\u0000\u0001 binary backup");

        assertEquals(Optional.empty(), SimulatedBackupFile.read(file));
        assertEquals(Optional.empty(), SimulatedBackupFile.read(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void aMalformedHeaderIsAnError() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedBackupFile.parse("DRSSIM-BACKUP v2 db=a type=FULL first_lsn=1 last_lsn=2"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedBackupFile.parse("DRSSIM-BACKUP v1 db=a type=DIFF first_lsn=1 last_lsn=2"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedBackupFile.parse("DRSSIM-BACKUP v1 db=a type=LOG first_lsn=5 last_lsn=5"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedBackupFile.parse("DRSSIM-BACKUP v1 type=LOG db=a first_lsn=1 last_lsn=5"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedBackupFile.parse("DRSSIM-BACKUP v1 db=a type=LOG first_lsn=x last_lsn=5"));
    }

    @Test
    void headersRefuseImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> BackupHeader.full("two words", 1, 2));
        assertThrows(IllegalArgumentException.class, () -> BackupHeader.full("db", -1, 2));
        assertThrows(IllegalArgumentException.class, () -> BackupHeader.log("db", 7, 3));
    }

    @Test
    void nextLogContinuesTheChain() {
        BackupHeader next = BackupHeader.full("db", 100, 200).nextLog(50);

        assertEquals(BackupHeader.log("db", 200, 250), next);
        assertTrue(next.nextLog(1).firstLsn() == next.lastLsn());
    }
}
