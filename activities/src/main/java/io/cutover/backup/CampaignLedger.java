package io.cutover.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activity.AppliedBackup;
import io.cutover.activity.LedgerKeys;
import io.cutover.activity.LedgerSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's ledger in the backup store: every job, skip and refused object, as JSON lines, a
 * part per write, joined into one report object at the end. It keeps the workflow's history
 * bounded: the workflow carries only the most recent entries from run to run.
 */
public final class CampaignLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackupStore store;

    public CampaignLedger(BackupStore store) {
        this.store = store;
    }

    /** Writes one part; writing it again (a retried activity) replaces it with the same lines. */
    public void append(String bucket, String key, List<AppliedBackup> entries) {
        StringBuilder lines = new StringBuilder();
        for (AppliedBackup entry : entries) {
            lines.append(toJson(entry)).append('\n');
        }
        store.put(bucket, key, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Joins parts 0 to {@code parts - 1} in order into the report object and counts the outcomes.
     * A missing or unreadable part fails for good: a report that silently lacks entries would be
     * worse than none.
     */
    public LedgerSummary assemble(String bucket, String folder, int parts, String reportKey) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Map<String, Integer> outcomes = new TreeMap<>();
        int entries = 0;
        for (int part = 0; part < parts; part++) {
            String key = LedgerKeys.part(folder, part);
            byte[] content = store.read(bucket, key)
                    .orElseThrow(() ->
                            new BackupStoreException("ledger part " + bucket + "/" + key + " is missing", false, null));
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    outcomes.merge(fromJson(bucket + "/" + key, line).outcome().name(), 1, Integer::sum);
                    entries++;
                }
            }
            report.writeBytes(content);
        }
        store.put(bucket, reportKey, report.toByteArray());
        return new LedgerSummary(bucket, reportKey, entries, outcomes);
    }

    /** Reads a ledger object (a part or the report) back, for the operator's tools and tests. */
    public List<AppliedBackup> read(String bucket, String key) {
        return store.read(bucket, key).stream()
                .flatMap(content -> new String(content, StandardCharsets.UTF_8).lines())
                .filter(line -> !line.isBlank())
                .map(line -> fromJson(bucket + "/" + key, line))
                .toList();
    }

    private static String toJson(AppliedBackup entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger entry is plain data and always serialises", e);
        }
    }

    private static AppliedBackup fromJson(String object, String line) {
        try {
            return JSON.readValue(line, AppliedBackup.class);
        } catch (JsonProcessingException e) {
            throw new BackupStoreException(
                    "ledger " + object + " holds a line that is not an entry: " + e.getOriginalMessage(), false, e);
        }
    }
}
