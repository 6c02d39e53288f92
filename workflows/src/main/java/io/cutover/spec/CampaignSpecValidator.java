package io.cutover.spec;

import io.cutover.activity.JobRequest;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.ObjectKeys;
import io.cutover.spec.CampaignSpec.Mode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a campaign spec against the seed's field rules, the console's file rules and what the
 * workflow needs, before anything is submitted. It collects every violation rather than stopping
 * at the first, so that an operator fixes a spec in one round. The CLI calls it locally; the
 * workflow calls it again first thing (a spec can also be started from the Temporal UI).
 */
public final class CampaignSpecValidator {

    /**
     * Longest job name prefix: the workflow appends "-" + 8 hex digits + "-" + sequence + "-" +
     * attempt, and DRS accepts names of at most 50 characters.
     */
    public static final int MAX_JOB_NAME_PREFIX = 24;

    private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern JOB_NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern RDS_VERSION = Pattern.compile("\\d{4}_[A-Z]{2,3}");
    private static final Pattern ENTERPRISE_PROJECT = Pattern.compile("[A-Za-z0-9-]{1,36}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+@-]*");
    private static final Pattern DATABASE_NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final Pattern NEW_DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int MAX_DATABASES = 100;
    static final long MAX_POLL_INTERVAL_SECONDS = 3600;

    private final List<SpecViolation> violations = new ArrayList<>();

    private CampaignSpecValidator() {}

    /** Every rule the spec breaks, in field order; empty when the spec is valid. */
    public static List<SpecViolation> validate(CampaignSpec spec) {
        CampaignSpecValidator validator = new CampaignSpecValidator();
        validator.checkSpec(spec);
        return List.copyOf(validator.violations);
    }

    /** Throws {@link InvalidSpecException} listing every violation, unless the spec is valid. */
    public static void requireValid(CampaignSpec spec) {
        List<SpecViolation> violations = validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
    }

    private void checkSpec(CampaignSpec spec) {
        if (spec == null) {
            fail("spec", "is required");
            return;
        }
        matches(
                "campaignId",
                spec.campaignId(),
                CAMPAIGN_ID,
                "1 to 100 letters, digits, '.', '-' or '_', starting with a letter or digit");
        if (spec.mode() == null) {
            fail("mode", "is required (FULL_AND_INCREMENTAL, ONE_TIME_FULL or RDS_FULL)");
        }
        checkTarget(spec.target());
        checkSource(spec.mode(), spec.source());
        checkRestore(spec.mode(), spec.restore());
        matches("jobNamePrefix", spec.jobNamePrefix(), JOB_NAME_PREFIX, "letters, digits, '-' or '_' only");
        if (spec.jobNamePrefix() != null && spec.jobNamePrefix().length() > MAX_JOB_NAME_PREFIX) {
            fail(
                    "jobNamePrefix",
                    "at most " + MAX_JOB_NAME_PREFIX + " characters, so that job names stay within DRS's 50");
        }
        optionalMatches(
                "enterpriseProjectId",
                spec.enterpriseProjectId(),
                ENTERPRISE_PROJECT,
                "1 to 36 letters, digits or '-' (\"0\" is the default project)");
        checkTags(spec.tags());
        checkTiming(spec.timing());
        checkChain(spec.chain());
    }

    private void checkChain(ChainSpec chain) {
        if (chain == null) {
            return;
        }
        if (chain.gapAlarmSeconds() < 0) {
            fail(
                    "chain.gapAlarmSeconds",
                    "must not be negative (0 means the default, " + ChainSpec.DEFAULT_GAP_ALARM_SECONDS + ")");
        }
        if (chain.targetMajorVersion() != 0 && (chain.targetMajorVersion() < 10 || chain.targetMajorVersion() > 30)) {
            fail(
                    "chain.targetMajorVersion",
                    "SQL Server's major version, e.g. 15 for 2019 or 16 for 2022 (0: not known)");
        }
    }

    private void checkTarget(TargetSpec target) {
        if (target == null) {
            fail("target", "is required");
            return;
        }
        matches(
                "target.instanceId",
                target.instanceId(),
                INSTANCE_ID,
                "the RDS instance id: 1 to 64 letters, digits or '-'");
        if (target.fileStream() != null
                && !target.fileStream().equals("on")
                && !target.fileStream().equals("off")) {
            fail("target.fileStream", "must be \"on\", \"off\" or left out");
        }
        if (target.maxRunningJobs() != null && (target.maxRunningJobs() < 1 || target.maxRunningJobs() > 1000)) {
            fail(
                    "target.maxRunningJobs",
                    "the DRS jobs a wave runs at once on this instance: 1 to 1000, or left out for no limit");
        }
    }

    private void checkSource(Mode mode, SourceSpec source) {
        if (source == null) {
            fail("source", "is required");
            return;
        }
        if (mode == Mode.RDS_FULL) {
            checkRdsSource(source);
        } else if (mode != null) {
            checkObsSource(mode, source);
        }
        optionalMatches(
                "source.database", source.database(), DATABASE_NAME, "1 to 128 characters, no control characters");
    }

    private void checkRdsSource(SourceSpec source) {
        SourceSpec.RdsBackup rds = source.rds();
        if (rds == null) {
            fail("source.rds", "is required in RDS_FULL mode");
        } else {
            required("source.rds.fileId", rds.fileId());
            matches(
                    "source.rds.rdsVersion",
                    rds.rdsVersion(),
                    RDS_VERSION,
                    "a version such as 2019_EE (year, '_', edition in capitals)");
            matches(
                    "source.rds.sourceInstanceId",
                    rds.sourceInstanceId(),
                    INSTANCE_ID,
                    "the source RDS instance id: 1 to 64 letters, digits or '-'");
        }
        if (source.bucket() != null || source.fullBackup() != null) {
            fail("source.bucket", "must be left out in RDS_FULL mode (the backup comes from RDS, not OBS)");
        }
    }

    private void checkObsSource(Mode mode, SourceSpec source) {
        String bucket = source.bucket();
        if (bucket == null || bucket.isBlank()) {
            fail("source.bucket", "is required when backups come from OBS");
        } else if (!BUCKET.matcher(bucket).matches()
                || IP_ADDRESS.matcher(bucket).matches()) {
            fail(
                    "source.bucket",
                    "3 to 63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit, not an IP address");
        }
        String prefix = source.prefix();
        checkFolder("source.prefix", prefix);
        String fullBackup = source.fullBackup();
        if (fullBackup == null || fullBackup.isBlank()) {
            fail("source.fullBackup", "is required: the object key of the full backup that anchors the chain");
        } else if (fullBackup.endsWith("/") || fullBackup.startsWith("/")) {
            fail("source.fullBackup", "must be an object key, not a folder, and must not start with '/'");
        }
        if (source.rds() != null) {
            fail("source.rds", "must be left out when backups come from OBS");
        }
        // Without a naming convention the chain is planned by the backups' headers; whether the full
        // backup's header can be read is known only once the campaign reads it.
        if (mode == Mode.FULL_AND_INCREMENTAL && source.naming() != null) {
            checkNaming(source.naming());
        }
        String staging = source.stagingPrefix();
        boolean stagingNeeded = mode == Mode.FULL_AND_INCREMENTAL
                || (fullBackup != null && !BackupNaming.isDrsCompliant(ObjectKeys.fileName(fullBackup)));
        if (staging == null || staging.isEmpty()) {
            if (stagingNeeded) {
                fail(
                        "source.stagingPrefix",
                        "is required: log backups, and backups whose names DRS does not accept (a .bak named with 1 to 200 letters, digits, '-' or '_'), are copied there");
            }
        } else {
            checkFolder("source.stagingPrefix", staging);
            if (prefix != null && (staging.equals(prefix) || (!prefix.isEmpty() && staging.startsWith(prefix)))) {
                fail(
                        "source.stagingPrefix",
                        "must lie outside source.prefix, or the staged copies would be discovered as new backups");
            }
        }
    }

    /** The naming rules live with the reader that applies them; its message names the field. */
    private void checkNaming(NamingSpec naming) {
        try {
            BackupNaming.of(naming);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            if (colon < 0) {
                fail("source.naming", message);
            } else {
                fail(message.substring(0, colon), message.substring(colon + 2));
            }
        }
    }

    private void checkRestore(Mode mode, RestoreOptions restore) {
        if (restore == null) {
            fail("restore", "is required");
            return;
        }
        List<String> dbNames = restore.dbNames() == null ? List.of() : restore.dbNames();
        if (!restore.defaultRestore() && dbNames.isEmpty()) {
            fail("restore.dbNames", "is required when restore.defaultRestore is false");
        }
        if (dbNames.size() > MAX_DATABASES) {
            fail("restore.dbNames", "at most " + MAX_DATABASES + " databases per backup migration");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dbNames.size(); i++) {
            String name = dbNames.get(i);
            String field = "restore.dbNames[" + i + "]";
            if (name == null || name.isBlank()) {
                fail(field, "must not be empty");
            } else if (!DATABASE_NAME.matcher(name).matches()) {
                fail(field, "1 to 128 characters, no control characters");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                fail(field, "names a database twice (SQL Server names are case-insensitive)");
            }
        }
        if (restore.renameTo() != null) {
            if (mode == Mode.FULL_AND_INCREMENTAL) {
                fail(
                        "restore.renameTo",
                        "is only allowed for a full backup restored as the last backup (ONE_TIME_FULL or RDS_FULL)");
            }
            if (!NEW_DATABASE_NAME.matcher(restore.renameTo()).matches()) {
                fail("restore.renameTo", "1 to 128 letters, digits, '-' or '_'");
            }
            if (dbNames.size() > 1) {
                fail(
                        "restore.renameTo",
                        "needs a backup of a single database (restore.dbNames names " + dbNames.size() + ")");
            }
        }
    }

    private void checkTags(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String field = "tags[" + i + "]";
            if (tag == null) {
                fail(field, "must not be null");
                continue;
            }
            matches(field + ".key", tag.key(), TAG_KEY, "1 to 36 letters, digits, '_' or '-'");
            if (tag.key() != null && !keys.add(tag.key())) {
                fail(field + ".key", "is used by another tag");
            }
            if (JobRequest.RUN_TAG.equalsIgnoreCase(tag.key())) {
                fail(
                        field + ".key",
                        "is the product's own tag (it names the campaign run that made each job): choose another key");
            }
            if (tag.value() != null && !TAG_VALUE.matcher(tag.value()).matches()) {
                fail(field + ".value", "letters, digits, spaces and _ . : / = + - @ only");
            }
        }
    }

    private void checkTiming(Timing timing) {
        if (timing == null) {
            fail("timing", "is required");
            return;
        }
        if (timing.pollIntervalSeconds() < 1 || timing.pollIntervalSeconds() > MAX_POLL_INTERVAL_SECONDS) {
            fail("timing.pollIntervalSeconds", "between 1 and " + MAX_POLL_INTERVAL_SECONDS);
        }
        if (timing.settleSeconds() < 0) {
            fail("timing.settleSeconds", "must not be negative");
        }
        if (timing.finalBackupAlarmSeconds() < 1) {
            fail("timing.finalBackupAlarmSeconds", "must be at least 1");
        }
        if (timing.finalWatchSeconds() < 0 || timing.finalWatchSeconds() > MAX_POLL_INTERVAL_SECONDS) {
            fail(
                    "timing.finalWatchSeconds",
                    "between 1 and " + MAX_POLL_INTERVAL_SECONDS + " (0: the default, four times a second)");
        }
        if (timing.continueAsNewEveryFiles() < 1) {
            fail("timing.continueAsNewEveryFiles", "must be at least 1");
        }
    }

    private void checkFolder(String field, String folder) {
        if (folder == null || folder.isEmpty()) {
            return;
        }
        if (folder.startsWith("/") || !folder.endsWith("/") || folder.contains("//")) {
            fail(
                    field,
                    "\"\" for the bucket's root, or a folder such as \"backups/db1/\": no leading '/', ending in '/', no empty segment");
        }
    }

    private void required(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        }
    }

    private void matches(String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        } else if (!pattern.matcher(value).matches()) {
            fail(field, rule);
        }
    }

    private void optionalMatches(String field, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            fail(field, rule);
        }
    }

    private void fail(String field, String rule) {
        violations.add(new SpecViolation(field, rule));
    }
}
