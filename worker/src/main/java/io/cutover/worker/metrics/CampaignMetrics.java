package io.cutover.worker.metrics;

import io.cutover.campaign.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product's own metrics, beside the Temporal SDK's: DRS jobs submitted and finished by
 * outcome, their duration, how far each campaign lags behind the newest applied backup, and how
 * many campaigns are in each phase (blocked ones counted apart, since they need a person).
 *
 * <p>Campaign phases and lag are what this worker has seen; after a restart they fill in again as
 * campaigns move, which is enough for alerting on a blocked campaign or a growing lag.
 */
public final class CampaignMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter submitted;
    private final Map<String, String> phaseByCampaign = new ConcurrentHashMap<>();
    private final Map<String, Long> newestAppliedMillis = new ConcurrentHashMap<>();
    private final Set<String> phasesWithGauge = ConcurrentHashMap.newKeySet();

    public CampaignMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.submitted = Counter.builder("cutover_drs_jobs_submitted")
                .description("DRS jobs created (a retried submit that found its job is not counted)")
                .register(registry);
        Gauge.builder("cutover_campaigns_blocked", phaseByCampaign, this::blockedCount)
                .description("campaigns stopped on a failed job, waiting for retry, skip or abort")
                .register(registry);
    }

    /** A DRS job was created for a campaign. */
    public void jobSubmitted() {
        submitted.increment();
    }

    /**
     * A DRS job finished.
     *
     * @param outcome SUCCESS, FAILED or PRECHECK_FAILED
     * @param duration from the first status poll (right after the submit) to the end
     */
    public void jobFinished(String outcome, Duration duration) {
        Counter.builder("cutover_drs_jobs_finished")
                .description("DRS jobs seen finished, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("cutover_drs_job_duration")
                .description("time from submit to a finished DRS job")
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    /** A campaign applied a backup last modified at the given time: its lag is measured from it. */
    public void backupApplied(String campaignId, long lastModifiedMillis) {
        if (newestAppliedMillis.put(campaignId, lastModifiedMillis) == null) {
            Gauge.builder("cutover_backup_lag_seconds", () -> lagSeconds(campaignId))
                    .description("age of the newest backup the campaign applied")
                    .tag("campaign", campaignId)
                    .register(registry);
        }
    }

    /** A campaign entered a phase (as it set its CampaignPhase search attribute). */
    public void phaseChanged(String campaignId, String phase) {
        phaseByCampaign.put(campaignId, phase);
        if (phasesWithGauge.add(phase)) {
            Gauge.builder("cutover_campaigns", phaseByCampaign, m -> count(m, phase))
                    .description("campaigns this worker has seen, by phase")
                    .tag("phase", phase)
                    .register(registry);
        }
    }

    double lagSeconds(String campaignId) {
        Long applied = newestAppliedMillis.get(campaignId);
        return applied == null ? Double.NaN : (clock.millis() - applied) / 1000.0;
    }

    private double blockedCount(Map<String, String> phases) {
        return count(phases, Phase.BLOCKED.name());
    }

    private static double count(Map<String, String> phases, String phase) {
        return phases.values().stream().filter(phase::equals).count();
    }
}
