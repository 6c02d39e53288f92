package io.cutover.spec;

import io.cutover.spec.WaveSpec.WaveMember;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A wave's members as the campaigns they run, and the wave's rules: every problem of the wave
 * and of each member at once, with field paths into the wave's file (a problem in what the
 * members share is named once, under {@code defaults}).
 */
public final class WaveSpecs {

    /** The tag key every member's DRS jobs carry, naming the wave. */
    public static final String WAVE_TAG = "cutover-wave";

    private WaveSpecs() {}

    /** The member's campaign id: the wave id and the database, e.g. {@code erp-wave-orders}. */
    public static String campaignId(String waveId, String database) {
        return waveId + "-" + database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** Each member's campaign spec: the defaults with the member's own fields. */
    public static List<CampaignSpec> members(WaveSpec wave) {
        List<CampaignSpec> specs = new ArrayList<>();
        for (WaveMember member : wave.members()) {
            specs.add(member(wave, member));
        }
        return specs;
    }

    static CampaignSpec member(WaveSpec wave, WaveMember member) {
        CampaignSpec d = wave.defaults();
        String id = campaignId(wave.waveId(), member.database());
        TargetSpec target = d.target() == null ? null : d.target();
        if (member.targetInstanceId() != null) {
            target = new TargetSpec(
                    member.targetInstanceId(),
                    target == null ? null : target.fileStream(),
                    target == null ? null : target.maxRunningJobs());
        }
        SourceSpec shared = d.source();
        String staging = member.stagingPrefix() != null
                ? member.stagingPrefix()
                : shared == null || shared.stagingPrefix() == null
                        ? null
                        : folder(shared.stagingPrefix()) + member.database().toLowerCase(Locale.ROOT) + "/";
        SourceSpec source = new SourceSpec(
                shared == null ? null : shared.bucket(),
                member.prefix(),
                member.fullBackup(),
                shared == null ? null : shared.naming(),
                member.database(),
                staging,
                null);
        RestoreOptions restore = d.restore();
        if (restore != null
                && !restore.defaultRestore()
                && (restore.dbNames() == null || restore.dbNames().isEmpty())) {
            restore = new RestoreOptions(
                    List.of(member.database()),
                    restore.defaultRestore(),
                    restore.cover(),
                    restore.renameTo(),
                    restore.deleteBackupFile(),
                    restore.precheck());
        }
        List<Tag> tags = new ArrayList<>(d.tags() == null ? List.of() : d.tags());
        tags.add(new Tag(WAVE_TAG, wave.waveId()));
        return new CampaignSpec(
                id,
                CampaignSpec.Mode.FULL_AND_INCREMENTAL,
                target,
                source,
                restore,
                member.jobNamePrefix() != null ? member.jobNamePrefix() : CampaignSpecs.jobNamePrefix(id),
                d.enterpriseProjectId(),
                List.copyOf(tags),
                d.description() != null
                        ? d.description() + " (" + member.database() + ")"
                        : "wave " + wave.waveId() + ": " + member.database(),
                d.timing(),
                d.chain());
    }

    /**
     * Every rule the wave breaks: its own (id, members, databases named once), then each member's
     * campaign rules. A rule broken by a field the member took from the defaults is named once, as
     * {@code defaults.<field>}; one broken by the member's own field as {@code members[i].<field>}.
     */
    public static List<SpecViolation> validate(WaveSpec wave) {
        List<SpecViolation> violations = new ArrayList<>();
        if (wave == null) {
            return List.of(new SpecViolation("wave", "is required"));
        }
        if (wave.waveId() == null || !wave.waveId().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
            violations.add(new SpecViolation(
                    "waveId", "1 to 60 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (wave.defaults() == null) {
            violations.add(new SpecViolation("defaults", "is required"));
        }
        if (wave.members() == null || wave.members().isEmpty()) {
            violations.add(new SpecViolation("members", "at least one member"));
        }
        if (!violations.isEmpty()) {
            return violations;
        }
        Set<String> databases = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (int i = 0; i < wave.members().size(); i++) {
            WaveMember member = wave.members().get(i);
            String path = "members[" + i + "]";
            if (member == null || member.database() == null || member.database().isBlank()) {
                violations.add(new SpecViolation(path + ".database", "is required"));
                continue;
            }
            if (member.prefix() == null || member.prefix().isBlank()) {
                violations.add(new SpecViolation(
                        path + ".prefix",
                        "is required: where this database's backups are uploaded, apart from the others'"));
            }
            if (!databases.add(member.database().toLowerCase(Locale.ROOT))) {
                violations.add(new SpecViolation(path + ".database", "names " + member.database() + " a second time"));
            }
            for (SpecViolation violation : CampaignSpecValidator.validate(member(wave, member))) {
                String field = memberField(violation.field(), member);
                if (field == null) {
                    if (shared.add(violation.toString())) {
                        violations.add(new SpecViolation("defaults." + violation.field(), violation.rule()));
                    }
                } else {
                    violations.add(new SpecViolation(path + "." + field, violation.rule()));
                }
            }
        }
        return violations;
    }

    /** The member's own field a campaign field came from, or null when it came from the defaults. */
    private static String memberField(String campaignField, WaveMember member) {
        return switch (campaignField) {
            case "campaignId" -> "database";
            case "source.prefix" -> "prefix";
            case "source.fullBackup" -> "fullBackup";
            case "source.database" -> "database";
            case "target.instanceId" -> member.targetInstanceId() != null ? "targetInstanceId" : null;
            case "source.stagingPrefix" -> member.stagingPrefix() != null ? "stagingPrefix" : null;
            case "jobNamePrefix" -> member.jobNamePrefix() != null ? "jobNamePrefix" : "database";
            default -> null;
        };
    }

    private static String folder(String prefix) {
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
