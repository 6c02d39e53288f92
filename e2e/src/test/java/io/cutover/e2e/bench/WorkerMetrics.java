package io.cutover.e2e.bench;

import io.cutover.e2e.WorkerProcess;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot of the Temporal SDK's counters on the worker's /metrics page (Prometheus text), to
 * say where a step's time went: how many workflow tasks, activity tasks and local activities it
 * took, and how long each kind took on average. Counters only grow, so two snapshots give the
 * step's own figures.
 */
final class WorkerMetrics {

    /** {@code name{labels} value}; histogram buckets are left out. */
    private static final Pattern SAMPLE = Pattern.compile("^(temporal_[a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$");

    private static final Pattern ACTIVITY_TYPE = Pattern.compile("activity_type=\"([^\"]*)\"");

    /** Sums per sample name, and per sample name and activity type ("name_count/Type"). */
    private final Map<String, Double> sums;

    private WorkerMetrics(Map<String, Double> sums) {
        this.sums = sums;
    }

    static WorkerMetrics of(WorkerProcess worker) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : worker.metrics().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || sample.group(1).endsWith("_bucket")) {
                continue;
            }
            double value = Double.parseDouble(sample.group(3));
            sums.merge(sample.group(1), value, Double::sum);
            Matcher type = ACTIVITY_TYPE.matcher(sample.group(2));
            if (type.find() && !type.group(1).equals("none")) {
                sums.merge(sample.group(1) + "/" + type.group(1), value, Double::sum);
            }
        }
        return new WorkerMetrics(sums);
    }

    /** What happened between {@code before} and this snapshot, per file, as lines to print. */
    String perFile(WorkerMetrics before, int files) {
        StringBuilder out = new StringBuilder();
        line(
                out,
                before,
                files,
                "workflow tasks (on the worker, local activities included)",
                "temporal_workflow_task_execution_total_latency_seconds",
                null);
        line(
                out,
                before,
                files,
                "workflow tasks: scheduled to started",
                "temporal_workflow_task_schedule_to_start_latency_seconds",
                null);
        line(
                out,
                before,
                files,
                "worker's calls to the server (task replies, heartbeats)",
                "temporal_request_latency_seconds",
                null);
        for (String type : new String[] {"AwaitJob", "AwaitNewBackups"}) {
            line(
                    out,
                    before,
                    files,
                    "activity task " + type + " (scheduled to completed)",
                    "temporal_activity_succeed_endtoend_latency_seconds",
                    type);
        }
        for (String type : new String[] {"Stage", "SubmitJob", "SubmitJobAndRead"}) {
            line(
                    out,
                    before,
                    files,
                    "local activity " + type,
                    "temporal_local_activity_execution_latency_seconds",
                    type);
        }
        return out.toString();
    }

    /**
     * Tasks per second between {@code before} and this snapshot: every attempt of each activity
     * (a discovery that found nothing is a failed attempt, retried after the poll interval), every
     * workflow task and local activity.
     */
    String perSecond(WorkerMetrics before, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "workflow tasks %.1f/s",
                delta(before, "temporal_workflow_task_execution_total_latency_seconds_count") / seconds));
        for (String type : new String[] {"AwaitNewBackups", "AwaitJob"}) {
            out.append(String.format(
                    ", %s attempts %.1f/s",
                    type, delta(before, "temporal_activity_execution_latency_seconds_count/" + type) / seconds));
        }
        for (String type : new String[] {"Stage", "SubmitJob", "SubmitJobAndRead"}) {
            out.append(String.format(
                    ", local %s %.1f/s",
                    type, delta(before, "temporal_local_activity_execution_latency_seconds_count/" + type) / seconds));
        }
        return out.toString();
    }

    /** One kind of task: {@code metric} is a timer's name, {@code activityType} null for all of them. */
    private void line(
            StringBuilder out, WorkerMetrics before, int files, String what, String metric, String activityType) {
        String type = activityType == null ? "" : "/" + activityType;
        double count = delta(before, metric + "_count" + type);
        if (count == 0) {
            return;
        }
        double seconds = delta(before, metric + "_sum" + type);
        out.append(String.format(
                "%n  %-70s %6.2f per file, %6.1f ms each, %6.1f ms per file",
                what, count / files, 1000 * seconds / count, 1000 * seconds / files));
    }

    private double delta(WorkerMetrics before, String key) {
        return sums.getOrDefault(key, 0.0) - before.sums.getOrDefault(key, 0.0);
    }
}
