package io.cutover.simulator.backupfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the backup files the project's own test tooling and demo generate, so that the
 * simulator can check a log chain the way SQL Server would without real backups.
 *
 * <p>The format, version 1: the file starts with one ASCII line
 *
 * <pre>
 * DRSSIM-BACKUP v1 db=&lt;name&gt; type=&lt;FULL|LOG&gt; first_lsn=&lt;n&gt; last_lsn=&lt;n&gt;\n
 * </pre>
 *
 * where the LSNs are non-negative decimal integers and first_lsn &lt; last_lsn, followed by any
 * number of filler bytes that stand for the backup's payload (a repeating, deterministic pattern,
 * so that two runs upload identical objects). Fields are separated by single spaces and appear in
 * this order. A file that does not start with {@code DRSSIM-BACKUP } is an ordinary file: the
 * simulator accepts it without any LSN check. A file that starts with it but whose line does not
 * parse is malformed, and restoring it fails, as restoring a damaged backup would.
 */
public final class SimulatedBackupFile {

    /** The first token of every simulated backup file. */
    public static final String MAGIC = "DRSSIM-BACKUP";

    /** The format version this class writes and reads. */
    public static final String VERSION = "v1";

    /** Filler bytes written when the caller does not choose: enough to look like a payload. */
    public static final int DEFAULT_FILLER_BYTES = 4096;

    /** The header line is short; reading more than this before a newline means no header. */
    private static final int MAX_HEADER_BYTES = 512;

    private static final byte[] FILLER_PATTERN =
            "simulated SQL Server backup payload\n".getBytes(StandardCharsets.US_ASCII);

    private SimulatedBackupFile() {}

    /** The header line, newline included, for {@code header}. */
    public static String headerLine(BackupHeader header) {
        return MAGIC
                + " "
                + VERSION
                + " db="
                + header.database()
                + " type="
                + header.type()
                + " first_lsn="
                + header.firstLsn()
                + " last_lsn="
                + header.lastLsn()
                + "\n";
    }

    /** The whole content of a simulated backup: the header line, then {@code fillerBytes} bytes. */
    public static byte[] toBytes(BackupHeader header, int fillerBytes) {
        if (fillerBytes < 0) {
            throw new IllegalArgumentException("fillerBytes must be >= 0, got " + fillerBytes);
        }
        byte[] line = headerLine(header).getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[line.length + fillerBytes];
        System.arraycopy(line, 0, content, 0, line.length);
        for (int i = 0; i < fillerBytes; i++) {
            content[line.length + i] = FILLER_PATTERN[i % FILLER_PATTERN.length];
        }
        return content;
    }

    /**
     * Writes a simulated backup with {@link #DEFAULT_FILLER_BYTES} of filler; makes parent folders.
     */
    public static Path write(Path file, BackupHeader header) {
        return write(file, header, DEFAULT_FILLER_BYTES);
    }

    /** Writes a simulated backup with {@code fillerBytes} of filler; makes parent folders. */
    public static Path write(Path file, BackupHeader header, int fillerBytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, toBytes(header, fillerBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated backup " + file, e);
        }
    }

    /**
     * Reads the header of {@code file}.
     *
     * @return the header, or empty when the file is not a simulated backup
     * @throws IllegalArgumentException when the file starts like a simulated backup but its header
     *     line is malformed
     */
    public static Optional<BackupHeader> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a header from the start of {@code in}; reads at most a few hundred bytes and does not
     * close the stream.
     *
     * @return the header, or empty when the content is not a simulated backup
     * @throws IllegalArgumentException when the content starts like a simulated backup but its header
     *     line is malformed
     */
    public static Optional<BackupHeader> read(InputStream in) throws IOException {
        return parse(firstLine(in));
    }

    /**
     * The first line of {@code in} without its newline, read from at most the first few hundred bytes
     * (a header line is never longer); does not close the stream.
     */
    public static String firstLine(InputStream in) throws IOException {
        byte[] head = in.readNBytes(MAX_HEADER_BYTES);
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        return new String(head, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses a header line (without its newline).
     *
     * @return the header, or empty when the line is not a simulated backup header
     * @throws IllegalArgumentException when the line starts with {@link #MAGIC} but is malformed
     */
    public static Optional<BackupHeader> parse(String line) {
        if (!line.startsWith(MAGIC + " ")) {
            return Optional.empty();
        }
        String[] tokens = line.split(" ");
        if (tokens.length != 6 || !VERSION.equals(tokens[1])) {
            throw malformed(line, "expected '" + MAGIC + " " + VERSION + "' and four key=value fields");
        }
        Map<String, String> fields = new HashMap<>();
        String[] expectedKeys = {"db", "type", "first_lsn", "last_lsn"};
        for (int i = 0; i < expectedKeys.length; i++) {
            String token = tokens[i + 2];
            String prefix = expectedKeys[i] + "=";
            if (!token.startsWith(prefix)) {
                throw malformed(line, "field " + (i + 1) + " must be " + prefix + "...");
            }
            fields.put(expectedKeys[i], token.substring(prefix.length()));
        }
        try {
            return Optional.of(new BackupHeader(
                    fields.get("db"),
                    BackupType.valueOf(fields.get("type")),
                    Long.parseLong(fields.get("first_lsn")),
                    Long.parseLong(fields.get("last_lsn"))));
        } catch (IllegalArgumentException e) {
            throw malformed(line, e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(String line, String why) {
        return new IllegalArgumentException("malformed simulated backup header \"" + line + "\": " + why);
    }
}
