package io.cutover.e2e.faults;

import io.cutover.spec.CampaignSpec;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A seeded generator of malformed campaign specs: a valid spec with one field broken, each with
 * the field path the validator must name. Each mutation takes the random source so that the
 * broken value varies from case to case (empty, too long, wrong characters, missing...).
 */
final class MalformedSpecs {

    /** A broken spec and the field its rejection must name. */
    record Case(String field, CampaignSpec spec) {}

    private record Mutation(String field, BiFunction<CampaignSpec, Random, CampaignSpec> breaker) {}

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation(
                    "campaignId",
                    (s, r) -> withId(
                            s, pick(r, "", " ", "-lead", "a/b", "x".repeat(101 + r.nextInt(50)), "caf\u00e9", null))),
            new Mutation(
                    "mode",
                    (s, r) -> new CampaignSpec(
                            s.campaignId(),
                            null,
                            s.target(),
                            s.source(),
                            s.restore(),
                            s.jobNamePrefix(),
                            s.enterpriseProjectId(),
                            s.tags(),
                            s.description(),
                            s.timing())),
            new Mutation("target", (s, r) -> withTarget(s, null)),
            new Mutation(
                    "target.instanceId",
                    (s, r) -> withTarget(
                            s,
                            new TargetSpec(
                                    pick(r, "", "bad id", "x".repeat(65 + r.nextInt(9)), "in_04", null), "off"))),
            new Mutation(
                    "target.fileStream",
                    (s, r) -> withTarget(s, new TargetSpec(s.target().instanceId(), pick(r, "yes", "ON", "", "true")))),
            new Mutation("source", (s, r) -> withSource(s, null)),
            new Mutation(
                    "source.bucket",
                    (s, r) -> withSource(
                            s,
                            source(
                                    s,
                                    pick(r, "", "UPPER", "a", "192.168.0.1", "-bad", "bad_bucket", null),
                                    s.source().prefix(),
                                    s.source().fullBackup(),
                                    s.source().stagingPrefix(),
                                    s.source().database()))),
            new Mutation(
                    "source.prefix",
                    (s, r) -> withSource(
                            s,
                            source(
                                    s,
                                    s.source().bucket(),
                                    pick(r, "/abs/", "no-slash", "a//b/"),
                                    s.source().fullBackup(),
                                    s.source().stagingPrefix(),
                                    s.source().database()))),
            new Mutation(
                    "source.fullBackup",
                    (s, r) -> withSource(
                            s,
                            source(
                                    s,
                                    s.source().bucket(),
                                    s.source().prefix(),
                                    pick(r, "", "/abs.bak", "folder/", null),
                                    s.source().stagingPrefix(),
                                    s.source().database()))),
            new Mutation(
                    "source.stagingPrefix",
                    (s, r) -> withSource(
                            s,
                            source(
                                    s,
                                    s.source().bucket(),
                                    s.source().prefix(),
                                    s.source().fullBackup(),
                                    pick(
                                            r,
                                            null,
                                            "",
                                            s.source().prefix(),
                                            s.source().prefix() + "staged/"),
                                    s.source().database()))),
            new Mutation(
                    "source.database",
                    (s, r) -> withSource(
                            s,
                            source(
                                    s,
                                    s.source().bucket(),
                                    s.source().prefix(),
                                    s.source().fullBackup(),
                                    s.source().stagingPrefix(),
                                    pick(r, "x\u0001y", "x".repeat(129 + r.nextInt(20)), "")))),
            new Mutation(
                    "restore.dbNames",
                    (s, r) -> withRestore(s, new RestoreOptions(List.of(), false, false, null, false, true))),
            new Mutation(
                    "restore.dbNames[0]",
                    (s, r) -> withRestore(
                            s,
                            new RestoreOptions(
                                    List.of(pick(r, "", " ", "a\u0007b")), false, false, null, false, true))),
            new Mutation(
                    "restore.dbNames[1]",
                    (s, r) -> withRestore(
                            s,
                            new RestoreOptions(
                                    List.of("Sales", pick(r, "sales", "SALES", "Sales")),
                                    false,
                                    false,
                                    null,
                                    false,
                                    true))),
            new Mutation(
                    "restore.renameTo",
                    (s, r) -> withRestore(
                            s,
                            new RestoreOptions(List.of(), true, false, pick(r, "NewDb", "bad name", ""), false, true))),
            new Mutation("restore", (s, r) -> withRestore(s, null)),
            new Mutation(
                    "jobNamePrefix",
                    (s, r) -> withPrefix(s, pick(r, "", "has space", "x".repeat(25 + r.nextInt(10)), "a/b", null))),
            new Mutation(
                    "enterpriseProjectId",
                    (s, r) -> new CampaignSpec(
                            s.campaignId(),
                            s.mode(),
                            s.target(),
                            s.source(),
                            s.restore(),
                            s.jobNamePrefix(),
                            pick(r, "x".repeat(37), "a_b", ""),
                            s.tags(),
                            s.description(),
                            s.timing())),
            new Mutation("timing", (s, r) -> withTiming(s, null)),
            new Mutation(
                    "timing.pollIntervalSeconds",
                    (s, r) -> withTiming(s, new Timing(pick(r, 0L, -1L, 3601L, Long.MAX_VALUE), 1, 60, 1000, 1))),
            new Mutation(
                    "timing.settleSeconds", (s, r) -> withTiming(s, new Timing(1, -1 - r.nextInt(100), 60, 1000, 1))),
            new Mutation(
                    "timing.finalBackupAlarmSeconds",
                    (s, r) -> withTiming(s, new Timing(1, 1, -r.nextInt(5), 1000, 1))),
            new Mutation(
                    "timing.continueAsNewEveryFiles", (s, r) -> withTiming(s, new Timing(1, 1, 60, -r.nextInt(5), 1))));

    private MalformedSpecs() {}

    /** A valid spec of the suite's shape: the base every case breaks one field of. */
    static CampaignSpec valid(String campaignId, String instanceId) {
        return new CampaignSpec(
                campaignId,
                CampaignSpec.Mode.FULL_AND_INCREMENTAL,
                new TargetSpec(instanceId, "off"),
                new SourceSpec(
                        "e2e-backups",
                        "sql01/dbbad/",
                        "sql01/dbbad/SQL01_DbBad_FULL_20260301_200000.bak",
                        new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                        "DbBad",
                        "staging/dbbad/",
                        null),
                new RestoreOptions(List.of(), true, false, null, false, true),
                "e2e",
                null,
                List.of(),
                "malformed spec case",
                new Timing(1, 1, 60, 1000, 1));
    }

    /** {@code count} cases, every mutation in turn, the broken values drawn from {@code seed}. */
    static List<Case> generate(CampaignSpec valid, int count, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutation mutation = MUTATIONS.get(i % MUTATIONS.size());
            cases.add(new Case(mutation.field(), mutation.breaker().apply(valid, random)));
        }
        return cases;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static CampaignSpec withId(CampaignSpec s, String id) {
        return new CampaignSpec(
                id,
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec withTarget(CampaignSpec s, TargetSpec target) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                target,
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec withSource(CampaignSpec s, SourceSpec source) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                source,
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec withRestore(CampaignSpec s, RestoreOptions restore) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                restore,
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec withPrefix(CampaignSpec s, String prefix) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                prefix,
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec withTiming(CampaignSpec s, Timing timing) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                timing);
    }

    private static SourceSpec source(
            CampaignSpec s, String bucket, String prefix, String fullBackup, String staging, String database) {
        return new SourceSpec(bucket, prefix, fullBackup, s.source().naming(), database, staging, null);
    }
}
