package io.cutover.headers;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture backup (the first 64 KiB of real SQL Server 2008 R2 backups) read and compared,
 * field by field, with what an independent reader found in the whole file (headers.jsonl).
 */
class BackupHeaderReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> fixtures() throws IOException {
        List<JsonNode> expected = new ArrayList<>();
        try (InputStream in = resource("headers.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    expected.add(JSON.readTree(line));
                }
            }
        }
        return expected.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFieldMatchesTheIndependentReading(JsonNode expected) throws IOException {
        BackupHeader header =
                BackupHeaderReader.read(prefix(expected.get("file").asText()));

        boolean differential = expected.get("BackupType").asInt() == 5;
        assertAll(
                () -> assertEquals(expected.get("DatabaseName").asText(), header.databaseName()),
                () -> assertEquals(expected.get("ServerName").asText(), header.serverName()),
                () -> assertEquals(
                        expected.get("BackupType").asInt(), header.type().number()),
                () -> assertEquals(
                        expected.get("FirstLSN").asText(), header.firstLsn().toString()),
                () -> assertEquals(
                        expected.get("LastLSN").asText(), header.lastLsn().toString()),
                () -> assertEquals(
                        expected.get("CheckpointLSN").asText(),
                        header.checkpointLsn().toString()),
                () -> assertEquals(
                        expected.get("DatabaseBackupLSN").asText(),
                        header.databaseBackupLsn().toString()),
                () -> assertEquals(
                        expected.get("BackupSetGUID").asText(),
                        header.backupSetGuid().toString()),
                () -> assertEquals(
                        expected.get("BackupStartDate").asText(),
                        header.backupStartDate().toString()),
                () -> assertEquals(expected.get("DatabaseVersion").asInt(), header.databaseVersion()),
                () -> assertEquals(
                        expected.get("SoftwareVersionMajor").asInt() + "."
                                + expected.get("SoftwareVersionMinor").asInt() + "."
                                + expected.get("SoftwareVersionBuild").asInt(),
                        header.softwareVersion()),
                () -> assertEquals(expected.get("FamilyCount").asInt(), header.familyCount()),
                () -> assertEquals(expected.get("FamilySequenceNumber").asInt(), header.familySequenceNumber()),
                () -> assertEquals(expected.get("Position").asInt(), header.position()),
                () -> assertEquals(expected.get("HasBackupChecksums").asInt() == 1, header.hasBackupChecksums()),
                () -> {
                    if (differential) {
                        assertEquals(
                                expected.get("DifferentialBaseLSN").asText(),
                                header.differentialBaseLsn().toString());
                        assertEquals(
                                expected.get("DifferentialBaseGUID").asText(),
                                header.differentialBaseGuid().toString());
                    } else {
                        assertNull(header.differentialBaseGuid());
                    }
                });
    }

    @Test
    void lsnsCompareAsTriplesAndPrintBeyondALong() {
        Lsn big = new Lsn(4_294_967_295L, 4_294_967_295L, 65_535);
        assertEquals("4294967295429496729565535", big.toString()); // 4294967295 × 10^15 + 4294967295 × 10^5 + 65535
        assertTrue(new Lsn(24, 132, 1).compareTo(new Lsn(24, 117, 34)) > 0);
        assertTrue(new Lsn(25, 1, 1).compareTo(new Lsn(24, 999_999, 99)) > 0);
    }

    @Test
    void whatIsNotAReadableBackupIsRefusedWithTheReason() throws IOException {
        byte[] random = new byte[65536];
        new Random(13).nextBytes(random);
        byte[] full = prefix("RestoreTimeClean/RestoreTimeClean.bak");

        assertRefused(new byte[0], "empty");
        assertRefused(random, "not a SQL Server native backup");
        assertRefused("MSSQLBAK and then compressed data".getBytes(StandardCharsets.US_ASCII), "compressed");
        assertRefused(Arrays.copyOf(full, 0x900), "truncated");
    }

    private static void assertRefused(byte[] bytes, String reason) {
        UnreadableBackupException refused =
                assertThrows(UnreadableBackupException.class, () -> BackupHeaderReader.read(bytes));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static byte[] prefix(String file) throws IOException {
        try (InputStream in = resource(file)) {
            return in.readNBytes(BackupHeaderReader.PREFIX_BYTES);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BackupHeaderReaderTest.class.getClassLoader().getResourceAsStream("sqlserver-backups/" + name);
        if (in == null) {
            throw new AssertionError("missing test resource sqlserver-backups/" + name);
        }
        return in;
    }
}
