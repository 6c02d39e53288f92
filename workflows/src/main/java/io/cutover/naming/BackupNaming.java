package io.cutover.naming;

import io.cutover.activity.BackupFile.Kind;
import io.cutover.spec.NamingSpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a backup object's key the way a naming convention writes it: what kind of backup it is, of
 * which database, and where it stands in the chain (the order key).
 *
 * <p>Pure code without I/O or clocks, so that the workflow can use it in its update validator as
 * well as the activities in discovery.
 */
public final class BackupNaming {

    /**
     * Ola Hallengren's file name: {@code {Server}[${Instance}]_{Database}_{Type}[_PARTIAL]
     * [_COPY_ONLY]_{yyyyMMdd}_{HHmmss}[_{n}].{bak|trn}}. The server part stops at the first '_' (host
     * names cannot hold one) while the database part is greedy, because database names may hold '_'
     * and even "_LOG_": only the last type-and-timestamp tail is the convention's own.
     */
    private static final Pattern OLA_HALLENGREN =
            Pattern.compile("^(?<server>[^_$/]+)(?:\\$(?<instance>[^_/]+))?_(?<db>.+)"
                    + "_(?<type>FULL|DIFF|LOG)(?<partial>_PARTIAL)?(?<copyOnly>_COPY_ONLY)?"
                    + "_(?<date>\\d{8})_(?<time>\\d{6})(?:_(?<seq>\\d{1,6}))?\\.(?i:bak|trn)$");

    private static final DateTimeFormatter OLA_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private static final List<String> REQUIRED_GROUPS = List.of("db", "type", "ts");

    /** Order-key timestamps shorter than this are left-padded so that numbers sort lexically. */
    private static final int TIMESTAMP_WIDTH = 14;

    private static final int SEQUENCE_WIDTH = 6;

    private static final Pattern DRS_COMPLIANT = Pattern.compile("[A-Za-z0-9_-]{1,200}\\.bak");

    private static final int MAX_STEM = 200;

    private final NamingSpec.Convention convention;
    private final Pattern custom;
    private final boolean customHasSequence;

    private BackupNaming(NamingSpec.Convention convention, Pattern custom) {
        this.convention = convention;
        this.custom = custom;
        this.customHasSequence = custom != null && hasGroup(custom.pattern(), "seq");
    }

    /**
     * Validates a naming spec and returns its reader.
     *
     * @throws IllegalArgumentException naming the field and the rule it breaks
     */
    public static BackupNaming of(NamingSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("source.naming: is required");
        }
        if (spec.convention() == null) {
            throw new IllegalArgumentException(
                    "source.naming.convention: is required (OLA_HALLENGREN, REGEX or LEXICAL)");
        }
        if (spec.convention() != NamingSpec.Convention.REGEX) {
            if (spec.pattern() != null && !spec.pattern().isBlank()) {
                throw new IllegalArgumentException(
                        "source.naming.pattern: only allowed with convention REGEX, not " + spec.convention());
            }
            return new BackupNaming(spec.convention(), null);
        }
        return new BackupNaming(NamingSpec.Convention.REGEX, compileCustom(spec.pattern()));
    }

    private static Pattern compileCustom(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("source.naming.pattern: is required with convention REGEX");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "source.naming.pattern: is not a valid regular expression: " + e.getDescription());
        }
        List<String> missing = new ArrayList<>();
        for (String group : REQUIRED_GROUPS) {
            if (!hasGroup(pattern, group)) {
                missing.add(group);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "source.naming.pattern: must have the named groups db, type and ts (missing: "
                            + String.join(", ", missing)
                            + ")");
        }
        return compiled;
    }

    /**
     * Java 17 cannot list a pattern's group names, and asking a matcher for an unknown name is only
     * possible after a match: an empty alternative guarantees one, and the name lookup then fails
     * only when the group does not exist.
     */
    private static boolean hasGroup(String pattern, String group) {
        Matcher matcher = Pattern.compile("(?:" + pattern + "\n)|").matcher("");
        matcher.lookingAt();
        try {
            matcher.group(group);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The convention this reader applies. */
    public NamingSpec.Convention convention() {
        return convention;
    }

    /**
     * Reads a key. LEXICAL takes every key as a log backup ordered by the key itself; the other
     * conventions answer empty for a key they do not recognise.
     */
    public Optional<ParsedName> parse(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return switch (convention) {
            case OLA_HALLENGREN -> parseOlaHallengren(ObjectKeys.fileName(key));
            case REGEX -> parseCustom(key);
            case LEXICAL -> Optional.of(new ParsedName(Kind.LOG, null, key));
        };
    }

    /**
     * The stream a key belongs to: the key up to its timestamp. Keys of one stream (one database, one
     * kind, one folder) sort lexically in time order even where the keys of a whole prefix do not, so
     * listing a stream after its last key finds exactly its new backups. Empty for LEXICAL (the whole
     * prefix is one stream) and for keys the convention does not recognise.
     */
    public Optional<String> stream(String key) {
        if (key == null) {
            return Optional.empty();
        }
        switch (convention) {
            case OLA_HALLENGREN -> {
                String fileName = ObjectKeys.fileName(key);
                Matcher m = OLA_HALLENGREN.matcher(fileName);
                return m.matches()
                        ? Optional.of(key.substring(0, key.length() - fileName.length() + m.start("date")))
                        : Optional.empty();
            }
            case REGEX -> {
                Matcher m = custom.matcher(key);
                return m.find() && m.group("ts") != null
                        ? Optional.of(key.substring(0, m.start("ts")))
                        : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * The streams where the differential and log backups that follow a full backup will appear,
     * before any of them exists: Ola Hallengren's names (and his default folders) differ from the
     * full's only by the backup type. Empty for the other conventions, whose type words are not known
     * in advance.
     */
    public List<String> chainStreams(String fullBackupKey) {
        Optional<ParsedName> parsed = parse(fullBackupKey);
        Optional<String> stream = stream(fullBackupKey);
        if (convention != NamingSpec.Convention.OLA_HALLENGREN
                || parsed.isEmpty()
                || parsed.get().kind() != Kind.FULL
                || stream.isEmpty()) {
            return List.of();
        }
        String fullStream = stream.get();
        int nameStart = fullStream.lastIndexOf('/') + 1;
        String folder = fullStream.substring(0, nameStart);
        String namePart = fullStream.substring(nameStart, fullStream.length() - "FULL_".length());
        List<String> streams = new ArrayList<>();
        for (Kind kind : List.of(Kind.DIFF, Kind.LOG)) {
            String kindFolder =
                    ("/" + folder).replace("/FULL/", "/" + kind + "/").substring(1);
            streams.add(kindFolder + namePart + kind + "_");
        }
        return streams;
    }

    private static Optional<ParsedName> parseOlaHallengren(String fileName) {
        Matcher m = OLA_HALLENGREN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String timestamp = m.group("date") + m.group("time");
        try {
            LocalDateTime.parse(timestamp, OLA_TIMESTAMP);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        // Copy-only and partial backups do not take part in the log chain: recognised, not applied.
        boolean outsideChain = m.group("partial") != null || m.group("copyOnly") != null;
        Kind kind = outsideChain ? Kind.UNKNOWN : Kind.valueOf(m.group("type"));
        return Optional.of(new ParsedName(kind, m.group("db"), orderKey(timestamp, m.group("seq"))));
    }

    private Optional<ParsedName> parseCustom(String key) {
        Matcher m = custom.matcher(key);
        if (!m.find() || m.group("db") == null || m.group("type") == null || m.group("ts") == null) {
            return Optional.empty();
        }
        String digits = m.group("ts").replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        String seq = customHasSequence ? m.group("seq") : null;
        if (seq != null && !seq.matches("\\d{1," + SEQUENCE_WIDTH + "}")) {
            return Optional.empty();
        }
        return Optional.of(new ParsedName(kindOf(m.group("type")), m.group("db"), orderKey(digits, seq)));
    }

    private static Kind kindOf(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "FULL" -> Kind.FULL;
            case "DIFF", "DIFFERENTIAL" -> Kind.DIFF;
            case "LOG", "TRN" -> Kind.LOG;
            default -> Kind.UNKNOWN;
        };
    }

    /** Timestamp digits, left-padded to a fixed width, then the zero-padded sequence number. */
    private static String orderKey(String timestampDigits, String seq) {
        String timestamp = "0".repeat(Math.max(0, TIMESTAMP_WIDTH - timestampDigits.length())) + timestampDigits;
        String sequence = seq == null ? "0" : seq;
        return timestamp + "_" + "0".repeat(SEQUENCE_WIDTH - sequence.length()) + sequence;
    }

    /** Whether DRS accepts the file name: a .bak whose stem is 1 to 200 letters, digits, - or _. */
    public static boolean isDrsCompliant(String fileName) {
        return fileName != null && DRS_COMPLIANT.matcher(fileName).matches();
    }

    /**
     * The DRS-compliant file name a backup is staged under: {@code {db}_{KIND}_{orderKey}.bak}. It
     * depends only on the parsed name, so staging again yields the same name. Characters DRS refuses
     * are escaped as '-' and two hex digits (and '-' itself too), which keeps distinct order keys
     * apart; a stem longer than 200 characters is cut and ends in a hash of the whole.
     */
    public static String stagingFileName(ParsedName parsed) {
        StringBuilder raw = new StringBuilder();
        if (parsed.database() != null) {
            raw.append(parsed.database()).append('_');
        }
        raw.append(parsed.kind()).append('_').append(parsed.orderKey());
        String stem = escape(raw.toString());
        if (stem.length() > MAX_STEM) {
            String hash = Sha256.hex(stem, 16);
            stem = stem.substring(0, MAX_STEM - hash.length() - 1) + "-" + hash;
        }
        return stem + ".bak";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                out.append(c);
            } else {
                out.append('-').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }
}
