package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 14-day campaign with 2,000 log backups: history stays bounded (continue-as-new) and each log
 * backup costs at most 15 events. Prints the figures: events per file, each run's history at
 * continue-as-new, and the wall time.
 */
class LongCampaignTest {

  private static final String ID = "sales-two-weeks";
  private static final int LOGS = 2_000;
  private static final long FOURTEEN_DAYS_MILLIS = 14L * 24 * 3600 * 1000;
  private static final int FILES_PER_RUN = 250;
  private static final int MAX_EVENTS_PER_FILE = 15;
  /** Run start, full restore, cutover and continue-as-new cost a few dozen events per run. */
  private static final int RUN_OVERHEAD_EVENTS = 80;

  @RegisterExtension final CampaignTestEnvironment test = new CampaignTestEnvironment();

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aFourteenDayCampaignOfTwoThousandLogBackupsStaysBoundedAtFifteenEventsPerFile() {
    long t0 = test.startMillis;
    String full = test.bucket.upload(FakeBucket.key("FULL", t0 - 3_600_000), t0 - 3_600_000);
    long interval = FOURTEEN_DAYS_MILLIS / LOGS;
    List<String> logs = new ArrayList<>();
    for (int i = 1; i <= LOGS; i++) {
      logs.add(test.bucket.uploadLog(t0 + i * interval));
    }
    String finalName = logs.get(LOGS - 1).substring(logs.get(LOGS - 1).lastIndexOf('/') + 1);
    // The operator cuts over once the second-to-last log backup is applied (job LOGS = full + 1999).
    test.drs.whenJobFinishes(LOGS, () -> test.campaign(ID).cutover(new CutoverRequest(finalName)));
    CampaignSpec spec = TestCampaigns.fullAndIncremental(ID, full, new Timing(120, 30, 1800, FILES_PER_RUN));

    long wallStart = System.nanoTime();
    test.start(spec, null);
    CampaignReport report = test.result(ID, 280);
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;

    List<JobRequest> creates = test.drs.creates();
    assertEquals(Phase.COMPLETED, report.finalPhase());
    assertEquals(LOGS + 1, creates.size(), "one job per file, none twice");
    assertEquals(1, creates.stream().filter(JobRequest::lastBackup).count());
    assertTrue(creates.get(LOGS).lastBackup());

    // Each applied file upserts AppliedBackups once: the events between two consecutive upserts
    // are what one log backup cost (discovery, staging, submission, the wait, the upsert).
    List<WorkflowExecutionHistory> runs = test.histories(ID);
    long totalEvents = 0;
    long fileEvents = 0;
    int files = 0;
    int worstGap = 0;
    System.out.printf("%d log backups over 14 days: %d runs, wall time %d ms%n", LOGS, runs.size(), wallMillis);
    for (int r = 0; r < runs.size(); r++) {
      List<HistoryEvent> events = runs.get(r).getEvents();
      totalEvents += events.size();
      int previous = -1;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
          if (previous >= 0) {
            fileEvents += i - previous;
            files++;
            worstGap = Math.max(worstGap, i - previous);
          }
          previous = i;
        }
      }
      HistoryEvent last = runs.get(r).getLastEvent();
      System.out.printf("run %d: %d events, %d bytes (last event %s, %d bytes)%n", r + 1, events.size(),
          runs.get(r).getHistory().getSerializedSize(), last.getEventType(), last.getSerializedSize());
      assertTrue(events.size() <= FILES_PER_RUN * MAX_EVENTS_PER_FILE + RUN_OVERHEAD_EVENTS,
          "run " + (r + 1) + " has " + events.size() + " events");
    }
    double perFile = (double) fileEvents / files;
    System.out.printf("events per log backup: %.3f on average (worst single file %d); %.3f overall%n",
        perFile, worstGap, (double) totalEvents / (LOGS + 1));
    assertTrue(perFile <= MAX_EVENTS_PER_FILE, "events per file: " + perFile);
    assertTrue(runs.size() >= LOGS / FILES_PER_RUN, "continued as new every " + FILES_PER_RUN + " files");
  }
}
