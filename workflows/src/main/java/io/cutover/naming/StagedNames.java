package io.cutover.naming;

import io.cutover.activity.BackupFile;
import io.cutover.activity.HeaderFacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a backup's DRS-compliant copy gets, as the operator reads it in the DRS console: the
 * database, the kind and the time it was taken, like the source's own name
 * ({@code orders_LOG_20261204_000500_3fa2c1.bak}). Within DRS's rules (letters, digits, '-' and
 * '_', at most 200 characters before ".bak"); six hex digits of the object key's hash keep two
 * copies apart however alike their sources.
 */
public final class StagedNames {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    /** A naming convention's order key: the backup's time as yyyyMMddHHmmss, then its sequence. */
    private static final Pattern ORDER_KEY_TIME = Pattern.compile("(\\d{8})(\\d{6})_\\d+");

    /** Room for "_DIFF_yyyyMMdd_HHmmss_abcdef" within DRS's 200 characters. */
    private static final int MAX_DATABASE = 160;

    private StagedNames() {}

    /**
     * @param file the backup as discovery found it
     * @param database the campaign's source database, when neither the name nor the header says
     */
    public static String of(BackupFile file, String database) {
        HeaderFacts header = file.header();
        String db = firstOf(file.database(), header == null ? null : header.database(), database, "database");
        String kind = header != null
                ? header.type().name()
                : file.kind() != BackupFile.Kind.UNKNOWN ? file.kind().name() : "BACKUP";
        String time = header != null && header.startedAtMillis() >= 0
                ? TIME.format(Instant.ofEpochMilli(header.startedAtMillis()))
                : timeInName(file.orderKey())
                        .orElseGet(() -> TIME.format(Instant.ofEpochMilli(file.lastModifiedMillis())));
        String cleaned = db.replaceAll("[^A-Za-z0-9_-]", "-");
        if (cleaned.length() > MAX_DATABASE) {
            cleaned = cleaned.substring(0, MAX_DATABASE);
        }
        return cleaned + "_" + kind + "_" + time + "_" + Sha256.hex(file.key(), 6) + ".bak";
    }

    /**
     * The time the backup's own name gives (a naming convention's order key starts with it, as
     * yyyyMMddHHmmss), so that the copy says the same time as its source; empty when it gives none.
     */
    private static Optional<String> timeInName(String orderKey) {
        Matcher digits = ORDER_KEY_TIME.matcher(orderKey == null ? "" : orderKey);
        return digits.matches() ? Optional.of(digits.group(1) + "_" + digits.group(2)) : Optional.empty();
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return candidates[candidates.length - 1];
    }
}
