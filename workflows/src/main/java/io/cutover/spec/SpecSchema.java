package io.cutover.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Schemas of campaign and wave specs, written from the spec records' own shape
 * ({@link SpecShape}) with a description of every field: its meaning, its default and its rule.
 * The files under docs/ are these, written by the build's test and compared on every run.
 */
public final class SpecSchema {

    /** Every field of a campaign spec, in the file's order: what it is, its default, its rule. */
    public static final Map<String, String> CAMPAIGN_FIELDS = campaignFields();

    private SpecSchema() {}

    public static ObjectNode campaign() {
        ObjectNode schema = SpecShape.schema(CampaignSpec.class, "Cutover campaign spec", CAMPAIGN_FIELDS);
        schema.putArray("required").add("campaignId").add("target").add("source");
        return schema;
    }

    public static ObjectNode wave() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("waveId", "The wave's workflow id; members are WAVEID-database. Required.");
        fields.put("defaults", "What every member shares: a campaign spec without its own parts.");
        CAMPAIGN_FIELDS.forEach((path, text) -> fields.put("defaults." + path, text));
        fields.put("members", "The databases of the wave, at least one.");
        fields.put("members[].database", "The source database. Required.");
        fields.put("members[].prefix", "Where this database's log backups are uploaded. Required.");
        fields.put("members[].fullBackup", "Its full backup's object key. Required.");
        fields.put("members[].targetInstanceId", "Another target instance than the defaults'.");
        fields.put("members[].stagingPrefix", "Its staging folder. Default: the defaults' plus the database.");
        fields.put("members[].jobNamePrefix", "Its job name prefix. Default: made from its campaign id.");
        ObjectNode schema = SpecShape.schema(WaveSpec.class, "Cutover wave spec", fields);
        schema.putArray("required").add("waveId").add("defaults").add("members");
        return schema;
    }

    private static Map<String, String> campaignFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(
                "campaignId",
                "The workflow id: one campaign per target database. Required: 1 to 100 letters,"
                        + " digits, '.', '-' or '_'.");
        f.put(
                "mode",
                "Which of the seed's scenarios: FULL_AND_INCREMENTAL (full, logs, cutover), ONE_TIME_FULL"
                        + " or RDS_FULL. Default: FULL_AND_INCREMENTAL.");
        f.put("target", "The RDS for SQL Server instance restored into. Required.");
        f.put("target.instanceId", "target_instance_id. Required: 1 to 64 letters, digits or '-'.");
        f.put("target.fileStream", "ms_file_stream_status: \"on\" or \"off\". Default: left out of the job.");
        f.put(
                "target.maxRunningJobs",
                "DRS jobs a wave runs at once on this instance: 1 to 1000. Default: no" + " limit.");
        f.put("source", "Where the backups come from. Required.");
        f.put("source.bucket", "The OBS bucket. Required: 3 to 63 lower-case letters, digits, '.' or '-'.");
        f.put("source.prefix", "Where the log backups are uploaded. Required for FULL_AND_INCREMENTAL.");
        f.put(
                "source.fullBackup",
                "The full backup's object key. Required for FULL_AND_INCREMENTAL and" + " ONE_TIME_FULL.");
        f.put(
                "source.naming",
                "How backups are named, used only when the full backup's header cannot be read"
                        + " (a compressed backup). Default: Ola Hallengren's convention; null: headers only.");
        f.put("source.naming.convention", "OLA_HALLENGREN, REGEX (with pattern) or LEXICAL.");
        f.put("source.naming.pattern", "For REGEX: named groups db, type, ts (and seq).");
        f.put("source.database", "The source database's name. Required for FULL_AND_INCREMENTAL.");
        f.put(
                "source.stagingPrefix",
                "Where DRS-compliant copies of the backups are written, outside the prefix."
                        + " Default: drs-staging/CAMPAIGNID/.");
        f.put("source.rds", "For RDS_FULL: the RDS backup restored.");
        f.put("source.rds.fileId", "file_id of the RDS backup.");
        f.put("source.rds.rdsVersion", "rds_version, e.g. 2019_EE.");
        f.put("source.rds.sourceInstanceId", "rds_source_instance_id.");
        f.put(
                "restore",
                "Restore options sent with every job. Default: every database of the backup,"
                        + " overwrite nothing, precheck, delete the downloaded copy.");
        f.put(
                "restore.dbNames",
                "db_names. Default: the source database when defaultRestore is false, else" + " none.");
        f.put(
                "restore.defaultRestore",
                "is_default_restore: restore every database of the backup. Default:" + " true.");
        f.put(
                "restore.cover",
                "is_cover: overwrite the destination database (disables HA meanwhile)." + " Default: false.");
        f.put("restore.renameTo", "The new database name, for a single-database full last backup. Default:" + " none.");
        f.put("restore.deleteBackupFile", "is_delete_backup_file. Default: true.");
        f.put("restore.precheck", "is_precheck. Default: true.");
        f.put(
                "jobNamePrefix",
                "Prefix of the DRS job names: letters, digits, '-' or '_', at most 24. Default:"
                        + " made from the campaign id.");
        f.put(
                "enterpriseProjectId",
                "The DRS jobs' enterprise project. Default: none (\"0\" is DRS's default" + " project).");
        f.put("tags", "Tags put on every DRS job. Default: none.");
        f.put("tags[].key", "1 to 36 letters, digits, '_' or '-'.");
        f.put("tags[].value", "Letters, digits, spaces and _ . : / = + @ -.");
        f.put("description", "Put on every DRS job. Default: none.");
        f.put("timing", "Polling, settle and alarm intervals, in seconds. Default: each field's.");
        f.put(
                "timing.pollIntervalSeconds",
                "How often the bucket is listed while nothing is new: 1 to 3600." + " Default: 60.");
        f.put(
                "timing.settleSeconds",
                "In a store listing objects while they are written, how old an object"
                        + " must be to be taken. Default: 120.");
        f.put(
                "timing.finalBackupAlarmSeconds",
                "The alarm when a cutover's final backup has not arrived." + " Default: 1800.");
        f.put("timing.continueAsNewEveryFiles", "A fresh run after this many applied files. Default: 500.");
        f.put(
                "timing.finalWatchSeconds",
                "Once a cutover is requested, how often the bucket is listed for the final, in seconds."
                        + " Default: 0, four times a second.");
        f.put("chain", "How the chain is planned from the backups' headers. Default: each field's.");
        f.put("chain.differentials", "Use differential backups (unverified on real DRS). Default: false.");
        f.put("chain.gapAlarmSeconds", "The missing-log alarm after a gap this long. Default: 900.");
        f.put(
                "chain.targetMajorVersion",
                "The target's SQL Server major version, e.g. 16 for 2022; newer backups"
                        + " are refused. Default: 0, not known.");
        return f;
    }
}
