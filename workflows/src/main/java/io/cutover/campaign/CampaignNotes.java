package io.cutover.campaign;

import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What the campaign tells the operator besides its progress: report lines (skips, refusals,
 * ignored signals) and alarms, raised until what they name is cured. Both are carried across
 * continue-as-new and shown in the status, the Temporal UI summary and the report.
 */
final class CampaignNotes {

    /** The kinds of alarm; the key is how the carried state names each. */
    enum Alarm {
        FINAL_BACKUP("final-backup"),
        DISCOVERY("discovery"),
        CUTOVER_SIGNAL("cutover-signal"),
        LEDGER("ledger"),
        FOREIGN_JOB("foreign-job"),
        MISSING_LOG("missing-log"),
        UNREADABLE_SIGNAL("unreadable-signal");

        final String key;

        Alarm(String key) {
            this.key = key;
        }
    }

    /** Report lines kept in the state and shown in the status. */
    static final int REPORTS_KEPT = 50;

    /** The jobs the foreign-job alarm names at most, the newest; the report lines name them all. */
    static final int FOREIGN_JOBS_KEPT = 20;

    private static final Logger log = Workflow.getLogger(CampaignNotes.class);

    private final Deque<String> reports;
    /** By kind's key, in the order they were raised (the summary and the report list them so). */
    private final Map<String, String> alarms;
    /** The jobs the foreign-job alarm names, oldest first: the alarm's text is made from them. */
    private final Deque<String> foreignJobs;

    /**
     * @param foreignJobs null in states carried before they were kept apart: the foreign-job
     *     alarm's text, if any, then stands for them as one entry
     */
    CampaignNotes(List<String> reports, Map<String, String> alarms, List<String> foreignJobs) {
        this.reports = new ArrayDeque<>(reports);
        this.alarms = new LinkedHashMap<>(alarms);
        String carriedAlarm = alarms.get(Alarm.FOREIGN_JOB.key);
        this.foreignJobs = new ArrayDeque<>(
                foreignJobs != null ? foreignJobs : carriedAlarm == null ? List.of() : List.of(carriedAlarm));
    }

    /** Adds a line to the report, the oldest falling out beyond {@link #REPORTS_KEPT}. */
    void report(String line) {
        log.info(line);
        reports.addLast(line);
        while (reports.size() > REPORTS_KEPT) {
            reports.removeFirst();
        }
    }

    void raise(Alarm alarm, String text) {
        alarms.put(alarm.key, text);
    }

    void clear(Alarm alarm) {
        alarms.remove(alarm.key);
    }

    boolean raised(Alarm alarm) {
        return alarms.containsKey(alarm.key);
    }

    /** The alarm's text, or null when it is not raised. */
    String alarm(Alarm alarm) {
        return alarms.get(alarm.key);
    }

    /**
     * Jobs bearing this campaign's job names that it did not adopt: a report line each, and every
     * one in the foreign-job alarm until the campaign ends, so that the final report lists them all
     * for the operator to delete (the newest {@link #FOREIGN_JOBS_KEPT} when there are very many).
     */
    void foreignJobs(List<String> notAdopted) {
        notAdopted.forEach(line -> report("NOT_ADOPTED " + line));
        foreignJobs.addAll(notAdopted);
        while (foreignJobs.size() > FOREIGN_JOBS_KEPT) {
            foreignJobs.removeFirst();
        }
        raise(Alarm.FOREIGN_JOB, String.join("; ", foreignJobs));
    }

    List<String> reports() {
        return List.copyOf(reports);
    }

    /** The raised alarms' texts, in the order they were raised. */
    List<String> alarms() {
        return List.copyOf(alarms.values());
    }

    /**
     * Carries the report lines and the alarms across continue-as-new. Alarms keep the order they
     * were raised in (Map.copyOf would not: its order is per JVM).
     */
    void carry(CampaignState.Builder next) {
        next.reports(reports())
                .alarms(Collections.unmodifiableMap(new LinkedHashMap<>(alarms)))
                .foreignJobs(List.copyOf(foreignJobs));
    }

    /**
     * Whether an operator's request arrived unreadable: if so it is named, with why and what was
     * expected, in the status and the UI summary (a signal cannot answer), and nothing else is done.
     */
    boolean unreadable(String signal, Object request, String expected) {
        return UnreadablePayloads.why(request)
                .map(why -> {
                    String text = "signal " + signal + " ignored: its payload could not be read (" + why + "); send "
                            + expected;
                    raise(Alarm.UNREADABLE_SIGNAL, text);
                    report(text);
                    return true;
                })
                .orElse(false);
    }
}
