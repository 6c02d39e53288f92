package io.cutover.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CampaignMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T23:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CampaignMetrics metrics = new CampaignMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    private double campaignsIn(String phase) {
        return registry.get("cutover_campaigns").tag("phase", phase).gauge().value();
    }

    @Test
    void countsCampaignsByTheirCurrentPhaseAcrossComingAndGoing() {
        metrics.phaseChanged("a", "CATCHING_UP");
        metrics.phaseChanged("b", "CATCHING_UP");
        metrics.phaseChanged("a", "BLOCKED");
        metrics.phaseChanged("a", "CATCHING_UP");
        metrics.phaseChanged("b", "BLOCKED");

        assertEquals(1, campaignsIn("CATCHING_UP"));
        assertEquals(1, campaignsIn("BLOCKED"));
        assertEquals(1, registry.get("cutover_campaigns_blocked").gauge().value());
        assertEquals(2, registry.find("cutover_campaigns").gauges().size(), "one gauge per phase, registered once");
    }

    @Test
    void countsJobsAndTimesThemByOutcome() {
        metrics.jobSubmitted();
        metrics.jobSubmitted();
        metrics.jobFinished("SUCCESS", Duration.ofMinutes(3));
        metrics.jobFinished("FAILED", Duration.ofMinutes(1));

        assertEquals(2, registry.get("cutover_drs_jobs_submitted").counter().count());
        assertEquals(
                1,
                registry.get("cutover_drs_jobs_finished")
                        .tag("outcome", "SUCCESS")
                        .counter()
                        .count());
        assertEquals(
                180,
                registry.get("cutover_drs_job_duration")
                        .tag("outcome", "SUCCESS")
                        .timer()
                        .totalTime(TimeUnit.SECONDS));
    }

    @Test
    void lagIsTheAgeOfTheNewestAppliedBackup() {
        assertEquals(Double.NaN, metrics.lagSeconds("a"));

        metrics.backupApplied("a", NOW.minusSeconds(300).toEpochMilli());
        metrics.backupApplied("a", NOW.minusSeconds(90).toEpochMilli());

        assertEquals(
                90,
                registry.get("cutover_backup_lag_seconds")
                        .tag("campaign", "a")
                        .gauge()
                        .value());
    }
}
