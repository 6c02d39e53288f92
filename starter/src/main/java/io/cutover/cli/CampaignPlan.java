package io.cutover.cli;

import io.cutover.campaign.CampaignStatus;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;

/** What a campaign will do, in the words of the operator who must approve it. */
final class CampaignPlan {
    private CampaignPlan() {}

    static String describe(CampaignSpec spec) {
        SourceSpec source = spec.source();
        RestoreOptions restore = spec.restore();
        StringBuilder plan = new StringBuilder();
        plan.append("campaign ")
                .append(spec.campaignId())
                .append(" (")
                .append(spec.mode())
                .append(")\n");
        plan.append("  target instance   ").append(spec.target().instanceId()).append('\n');
        switch (spec.mode()) {
            case RDS_FULL ->
                plan.append("  1. restore RDS backup ")
                        .append(source.rds().fileId())
                        .append(" from instance ")
                        .append(source.rds().sourceInstanceId())
                        .append(" and bring the database online\n");
            case ONE_TIME_FULL ->
                plan.append("  1. restore obs://")
                        .append(source.bucket())
                        .append('/')
                        .append(source.fullBackup())
                        .append(" and bring the database online\n");
            case FULL_AND_INCREMENTAL ->
                plan.append("  1. restore the full backup obs://")
                        .append(source.bucket())
                        .append('/')
                        .append(source.fullBackup())
                        .append(", database left restoring\n")
                        .append("  2. apply every log backup under obs://")
                        .append(source.bucket())
                        .append('/')
                        .append(source.prefix())
                        .append(" in chain order (naming ")
                        .append(
                                source.naming() == null
                                        ? "default"
                                        : source.naming().convention())
                        .append(")\n")
                        .append(
                                "  3. wait for your cutover; then apply the final backup as last and bring the database online\n");
        }
        plan.append("  restore options   ")
                .append(restore.defaultRestore() ? "all databases in the backup" : "databases " + restore.dbNames())
                .append(restore.cover() ? ", overwrite the target database" : "")
                .append(restore.renameTo() == null ? "" : ", rename to " + restore.renameTo())
                .append(restore.precheck() ? ", precheck" : "")
                .append('\n');
        plan.append("  DRS job names     ").append(spec.jobNamePrefix()).append("-...\n");
        if (spec.timing() != null) {
            plan.append("  polling           every ")
                    .append(spec.timing().pollIntervalSeconds())
                    .append("s, every ")
                    .append(CampaignStatus.FinalWatch.text(spec.timing().finalWatchEvery()))
                    .append(" for the final backup once a cutover is requested\n");
            plan.append("  settle            ")
                    .append(spec.timing().settleSeconds())
                    .append("s, for backups a store lists while they are written (a local folder, OBS appendable"
                            + " objects); others are taken once listed\n");
        }
        return plan.toString();
    }
}
