package io.cutover.headers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a SQL Server native backup's header from the first bytes of the file (64 KiB is plenty:
 * every field lay in the first 4,140 bytes of every sample). An uncompressed backup is a Microsoft
 * Tape Format file: a chain of descriptor blocks (TAPE, SFMB, SSET, VOLB, MSCI, ...), each with a
 * 52-byte common header whose checksum recognises it, followed by its streams. SQL Server's own
 * record (SCIN) opens the MSCI block's first stream. The chain is walked, not assumed at fixed
 * offsets: a media password or longer names move the blocks. Layout and field offsets:
 * shared/reference/sqlserver-backup-headers.md.
 */
public final class BackupHeaderReader {

    /** How much of a file to read: one ranged GET, whatever the backup's size. */
    public static final int PREFIX_BYTES = 64 * 1024;

    private static final int COMMON_HEADER = 52;
    private static final int STREAM_HEADER = 22;
    private static final Set<String> BLOCK_TYPES =
            Set.of("TAPE", "SFMB", "SSET", "VOLB", "MSCI", "MSDA", "MSLS", "ESET", "EOTM", "SFIL", "ESPB");

    private BackupHeaderReader() {}

    /**
     * The header of the first backup set in the file.
     *
     * @param prefix the file's first bytes ({@link #PREFIX_BYTES} suffice)
     * @throws UnreadableBackupException naming why it cannot be read: compressed, not a backup,
     *     truncated
     */
    public static BackupHeader read(byte[] prefix) {
        ByteBuffer bytes = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(prefix, "MSSQLBAK")) {
            throw new UnreadableBackupException("a compressed backup (MSSQLBAK): its header cannot be read here");
        }
        if (prefix.length == 0) {
            throw new UnreadableBackupException("empty: no bytes to read");
        }
        if (!startsWith(prefix, "TAPE") || !isBlock(bytes, 0)) {
            throw new UnreadableBackupException(
                    "not a SQL Server native backup (it does not begin with an MTF TAPE block)");
        }
        Map<String, Integer> blocks = new HashMap<>();
        Map<String, Integer> firstStreams = new HashMap<>();
        int raidData = -1;
        int position = 0;
        while (isBlock(bytes, position) && !blocks.containsKey("MSCI")) {
            String type = ascii(prefix, position, 4);
            blocks.putIfAbsent(type, position);
            int stream = position + Short.toUnsignedInt(bytes.getShort(position + 0x08));
            firstStreams.putIfAbsent(type, stream);
            // Streams until the next block: each a 22-byte header and its data, padded to 4 bytes.
            while (stream + STREAM_HEADER <= prefix.length && !isBlock(bytes, stream)) {
                String id = ascii(prefix, stream, 4);
                long length = bytes.getLong(stream + 0x08);
                if (type.equals("TAPE") && id.equals("RAID")) {
                    raidData = stream + STREAM_HEADER;
                }
                long next = (stream + STREAM_HEADER + length + 3) / 4 * 4;
                if (length < 0 || next > prefix.length) {
                    stream = prefix.length;
                    break;
                }
                stream = (int) next;
                if (id.equals("SPAD")) {
                    break;
                }
            }
            if (stream <= position) {
                break;
            }
            position = stream;
        }
        Integer msci = blocks.get("MSCI");
        if (msci == null) {
            throw new UnreadableBackupException(
                    "truncated or damaged: no SQL Server header block (MSCI) in the first " + prefix.length + " bytes");
        }
        int scin = firstStreams.get("MSCI") + STREAM_HEADER;
        if (scin + 0x120 > prefix.length || !ascii(prefix, scin, 4).equals("SCIN")) {
            throw new UnreadableBackupException(
                    "damaged: the SQL Server header record (SCIN) is not where MSCI points");
        }
        return header(prefix, bytes, scin, blocks.get("SSET"), blocks.get("TAPE"), raidData);
    }

    private static BackupHeader header(
            byte[] prefix, ByteBuffer bytes, int scin, Integer sset, int tape, int raidData) {
        BackupType type = BackupType.of((char) prefix[scin + 0x57]);
        boolean differential =
                type == BackupType.DIFF || type == BackupType.FILE_DIFF || type == BackupType.PARTIAL_DIFF;
        int flags = bytes.getInt(scin + 0x08);
        String version = Byte.toUnsignedInt(prefix[scin + 0x1B]) + "." + Byte.toUnsignedInt(prefix[scin + 0x1A]) + "."
                + Short.toUnsignedInt(bytes.getShort(scin + 0x18));
        int position = sset == null ? 1 : Short.toUnsignedInt(bytes.getShort(sset + 0x3E));
        UUID backupSet = sset == null ? null : guid(bytes, sset + Short.toUnsignedInt(bytes.getShort(sset + 0x2E)));
        // The TAPE block's RAID stream says how many files the backup was striped over.
        int familyCount = raidData < 0 ? 1 : Short.toUnsignedInt(bytes.getShort(raidData + 0x14));
        int familySequence = raidData < 0 ? 1 : Short.toUnsignedInt(bytes.getShort(raidData + 0x18));
        return new BackupHeader(
                utf16(prefix, bytes, scin, 0x68),
                utf16(prefix, bytes, scin, 0x6C),
                type,
                lsn(bytes, scin + 0x20),
                lsn(bytes, scin + 0x2A),
                lsn(bytes, scin + 0x34),
                lsn(bytes, scin + 0x3E),
                differential ? lsn(bytes, scin + 0x104) : null,
                differential ? guid(bytes, scin + 0x110) : null,
                backupSet,
                mtfDate(prefix, scin + 0x4D),
                Short.toUnsignedInt(bytes.getShort(scin + 0x5E)),
                version,
                familyCount,
                familySequence,
                position,
                (flags & 0x10) != 0,
                Short.toUnsignedInt(bytes.getShort(tape + 0x3E)) != 0,
                sset == null ? BackupHeader.UNKNOWN_TIME_ZONE : prefix[sset + 0x5F]);
    }

    /** A descriptor block starts here: a known type and the XOR of its first 25 words as its checksum. */
    private static boolean isBlock(ByteBuffer bytes, int position) {
        if (position < 0 || position + COMMON_HEADER > bytes.capacity()) {
            return false;
        }
        byte[] type = new byte[4];
        bytes.get(position, type);
        if (!BLOCK_TYPES.contains(new String(type, StandardCharsets.US_ASCII))) {
            return false;
        }
        int checksum = 0;
        for (int word = 0; word < 25; word++) {
            checksum ^= Short.toUnsignedInt(bytes.getShort(position + 2 * word));
        }
        return checksum == Short.toUnsignedInt(bytes.getShort(position + 0x32));
    }

    private static Lsn lsn(ByteBuffer bytes, int at) {
        return new Lsn(
                Integer.toUnsignedLong(bytes.getInt(at)),
                Integer.toUnsignedLong(bytes.getInt(at + 4)),
                Short.toUnsignedInt(bytes.getShort(at + 8)));
    }

    /** A little-endian GUID, as SQL Server and Windows store one. */
    private static UUID guid(ByteBuffer bytes, int at) {
        long data1 = Integer.toUnsignedLong(bytes.getInt(at));
        long data2 = Short.toUnsignedInt(bytes.getShort(at + 4));
        long data3 = Short.toUnsignedInt(bytes.getShort(at + 6));
        long high = (data1 << 32) | (data2 << 16) | data3;
        long low = bytes.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
        return new UUID(high, low);
    }

    /** A (u16 byte size, u16 offset from SCIN) reference to a UTF-16LE string. */
    private static String utf16(byte[] prefix, ByteBuffer bytes, int scin, int field) {
        int size = Short.toUnsignedInt(bytes.getShort(scin + field));
        int offset = Short.toUnsignedInt(bytes.getShort(scin + field + 2));
        if (scin + offset + size > prefix.length) {
            throw new UnreadableBackupException("damaged: a name in the header lies past the bytes read");
        }
        return new String(prefix, scin + offset, size, StandardCharsets.UTF_16LE);
    }

    /** A 5-byte MTF date, read big-endian as year 14 bits, month 4, day 5, hour 5, minute 6, second 6. */
    private static LocalDateTime mtfDate(byte[] prefix, int at) {
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | Byte.toUnsignedLong(prefix[at + i]);
        }
        int second = (int) (bits & 63);
        int minute = (int) ((bits >> 6) & 63);
        int hour = (int) ((bits >> 12) & 31);
        int day = (int) ((bits >> 17) & 31);
        int month = (int) ((bits >> 22) & 15);
        int year = (int) (bits >> 26);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            throw new UnreadableBackupException("damaged: the backup's start date is not a date");
        }
    }

    private static boolean startsWith(byte[] prefix, String magic) {
        return prefix.length >= magic.length()
                && ascii(prefix, 0, magic.length()).equals(magic);
    }

    private static String ascii(byte[] prefix, int at, int length) {
        return new String(prefix, at, Math.min(length, prefix.length - at), StandardCharsets.US_ASCII);
    }
}
