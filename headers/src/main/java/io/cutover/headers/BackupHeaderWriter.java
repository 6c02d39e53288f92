package io.cutover.headers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Writes a backup file that begins as SQL Server's native backups do: the Microsoft Tape Format
 * descriptor blocks TAPE, SFMB, SSET, VOLB and MSCI with SQL Server's SCIN record, then an MSDA
 * block whose data stands for the backup's pages. The simulator and the demo use it to make
 * backups with chosen LSNs; {@link BackupHeaderReader} reads them as it reads real ones, and the
 * reader is proven against real backups and independent values, not against this writer. The
 * blocks sit where every real sample has them (0x0, 0x400, 0x600, 0xA00, 0xE00).
 */
public final class BackupHeaderWriter {

    private static final int TAPE = 0x0;
    private static final int SFMB = 0x400;
    private static final int SSET = 0x600;
    private static final int VOLB = 0xA00;
    private static final int MSCI = 0xE00;
    private static final int MSDA = 0x1400;
    private static final int COMMON_HEADER = 52;
    private static final int STREAM_HEADER = 22;
    /** Where the SCIN record starts in the MSCI block, as in every real sample (0xE4E). */
    private static final int MSCI_FIRST_STREAM = 0x38;

    private static final int SCIN_LENGTH = 478;
    private static final int NAMES_OFFSET = 0x200;

    private BackupHeaderWriter() {}

    /**
     * The file: its header blocks, then {@code dataBytes} of data (a repeating pattern, so that two
     * writes of the same header give the same bytes).
     */
    public static byte[] write(BackupHeader header, int dataBytes) {
        if (dataBytes < 0) {
            throw new IllegalArgumentException("dataBytes must not be negative, got " + dataBytes);
        }
        ByteBuffer file = ByteBuffer.allocate(MSDA + COMMON_HEADER + STREAM_HEADER + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        tape(file, header);
        pad(file, block(file, SFMB, "SFMB", COMMON_HEADER), SSET);
        sset(file, header);
        pad(file, block(file, VOLB, "VOLB", COMMON_HEADER), MSCI);
        msci(file, header);
        int data = block(file, MSDA, "MSDA", COMMON_HEADER);
        stream(file, data, "MSDA", dataBytes);
        byte[] pattern = "SQL Server backup data page ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < dataBytes; i++) {
            file.put(data + STREAM_HEADER + i, pattern[i % pattern.length]);
        }
        return file.array();
    }

    private static void tape(ByteBuffer file, BackupHeader header) {
        // The media password's algorithm (+0x3E) lies past the common header: streams start later.
        int raid = block(file, TAPE, "TAPE", 0x60);
        file.putShort(TAPE + 0x3E, (short) (header.mediaPassword() ? 1 : 0));
        stream(file, raid, "RAID", 0x20);
        file.putShort(raid + STREAM_HEADER + 0x14, (short) header.familyCount());
        file.putShort(raid + STREAM_HEADER + 0x18, (short) header.familySequenceNumber());
        pad(file, align(raid + STREAM_HEADER + 0x20), SFMB);
    }

    private static void sset(ByteBuffer file, BackupHeader header) {
        int osData = 0x100;
        // The OS-specific data's address (+0x2C) lies inside the checksummed header: set it first.
        file.putShort(SSET + 0x2C, (short) 16);
        file.putShort(SSET + 0x2E, (short) osData);
        int stream = block(file, SSET, "SSET", 0x200);
        file.putShort(SSET + 0x3E, (short) header.position());
        mtfDate(file, SSET + 0x58, header.backupStartDate());
        file.put(SSET + 0x5F, (byte) header.timeZoneQuarterHours());
        guid(file, SSET + osData, header.backupSetGuid());
        pad(file, stream, VOLB);
    }

    private static void msci(ByteBuffer file, BackupHeader header) {
        int stream = block(file, MSCI, "MSCI", MSCI_FIRST_STREAM);
        byte[] database = header.databaseName().getBytes(StandardCharsets.UTF_16LE);
        byte[] server = header.serverName().getBytes(StandardCharsets.UTF_16LE);
        int length = NAMES_OFFSET + database.length + server.length;
        stream(file, stream, "MQCI", length);
        int scin = stream + STREAM_HEADER;
        file.put(scin, "SCIN".getBytes(StandardCharsets.US_ASCII));
        file.putInt(scin + 4, SCIN_LENGTH);
        file.putInt(scin + 0x08, (header.hasBackupChecksums() ? 0x10 : 0) | (isDifferential(header) ? 0x800 : 0));
        String[] version = header.softwareVersion().split("\\.");
        file.putShort(scin + 0x18, (short) Integer.parseInt(version[2]));
        file.put(scin + 0x1A, (byte) Integer.parseInt(version[1]));
        file.put(scin + 0x1B, (byte) Integer.parseInt(version[0]));
        lsn(file, scin + 0x20, header.firstLsn());
        lsn(file, scin + 0x2A, header.lastLsn());
        lsn(file, scin + 0x34, header.checkpointLsn());
        lsn(file, scin + 0x3E, header.databaseBackupLsn());
        mtfDate(file, scin + 0x4D, header.backupStartDate());
        file.put(scin + 0x57, (byte) header.type().code());
        file.putShort(scin + 0x5E, (short) header.databaseVersion());
        file.putShort(scin + 0x68, (short) database.length);
        file.putShort(scin + 0x6A, (short) NAMES_OFFSET);
        file.putShort(scin + 0x6C, (short) server.length);
        file.putShort(scin + 0x6E, (short) (NAMES_OFFSET + database.length));
        if (isDifferential(header)) {
            lsn(file, scin + 0x104, header.differentialBaseLsn());
            guid(file, scin + 0x110, header.differentialBaseGuid());
        }
        file.put(scin + NAMES_OFFSET, database);
        file.put(scin + NAMES_OFFSET + database.length, server);
        pad(file, align(scin + length), MSDA);
    }

    private static boolean isDifferential(BackupHeader header) {
        return header.type() == BackupType.DIFF
                || header.type() == BackupType.FILE_DIFF
                || header.type() == BackupType.PARTIAL_DIFF;
    }

    /**
     * A descriptor block's common header with its checksum (the XOR of the 25 words before it);
     * returns where its first stream starts, {@code firstStream} bytes into the block.
     */
    private static int block(ByteBuffer file, int at, String type, int firstStream) {
        file.put(at, type.getBytes(StandardCharsets.US_ASCII));
        file.putShort(at + 0x08, (short) firstStream);
        file.putShort(at + 0x30, (short) 2);
        int checksum = 0;
        for (int word = 0; word < 25; word++) {
            checksum ^= Short.toUnsignedInt(file.getShort(at + 2 * word));
        }
        file.putShort(at + 0x32, (short) checksum);
        return at + firstStream;
    }

    private static void stream(ByteBuffer file, int at, String id, long length) {
        file.put(at, id.getBytes(StandardCharsets.US_ASCII));
        file.putLong(at + 0x08, length);
    }

    /** An SPAD stream from {@code at} up to the next block at {@code until}. */
    private static void pad(ByteBuffer file, int at, int until) {
        stream(file, at, "SPAD", until - at - STREAM_HEADER);
    }

    private static int align(int position) {
        return (position + 3) / 4 * 4;
    }

    private static void lsn(ByteBuffer file, int at, Lsn lsn) {
        if (lsn == null) {
            return;
        }
        file.putInt(at, (int) lsn.vlf());
        file.putInt(at + 4, (int) lsn.block());
        file.putShort(at + 8, (short) lsn.slot());
    }

    private static void guid(ByteBuffer file, int at, UUID guid) {
        if (guid == null) {
            return;
        }
        long high = guid.getMostSignificantBits();
        file.putInt(at, (int) (high >>> 32));
        file.putShort(at + 4, (short) (high >>> 16));
        file.putShort(at + 6, (short) high);
        file.duplicate().order(ByteOrder.BIG_ENDIAN).putLong(at + 8, guid.getLeastSignificantBits());
    }

    private static void mtfDate(ByteBuffer file, int at, LocalDateTime date) {
        long bits = ((long) date.getYear() << 26)
                | ((long) date.getMonthValue() << 22)
                | ((long) date.getDayOfMonth() << 17)
                | ((long) date.getHour() << 12)
                | ((long) date.getMinute() << 6)
                | date.getSecond();
        for (int i = 4; i >= 0; i--) {
            file.put(at + i, (byte) bits);
            bits >>>= 8;
        }
    }
}
