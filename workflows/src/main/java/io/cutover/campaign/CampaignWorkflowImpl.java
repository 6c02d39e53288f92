package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest.FileSource;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.JobRequest;
import io.cutover.activity.LedgerKeys;
import io.cutover.activity.LedgerSummary;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.activity.SubmittedJob;
import io.cutover.campaign.CampaignStatus.CutoverState;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.ParsedName;
import io.cutover.spec.CampaignSpec.Mode;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.InvalidSpecException;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.SpecViolation;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The campaign as the DBA's runbook reads: validate, restore the full backup, catch up on log
 * backups until the operator cuts over, cut over with the final file, finalize with a report.
 *
 * <p>History cost per log backup is kept at 15 events: discovery and the wait for a job are
 * activities whose retry policy is the poll loop (no events while nothing changes), and staging
 * and submission are short calls run as local activities inside the workflow task that handles
 * the discovery (one marker event each). The submission reads its job back once, so a job that
 * has already ended needs no wait at all: such a log backup costs 9 events.
 *
 * <p>History is bounded in size too, however long the campaign runs: what it did (every job,
 * skip and refused object) goes to a ledger in the backup store, a part per run, and the state
 * carried across continue-as-new keeps only the most recent entries. The report is assembled
 * from the ledger at the end.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

  /** ApplicationFailure type of a spec the workflow refuses to run. */
  public static final String INVALID_SPEC = "InvalidCampaignSpec";

  /** At most this many backups come back from one discovery pass. */
  static final int DISCOVERY_BATCH = 50;

  /** Status shows this many of the most recent backups. */
  static final int STATUS_RECENT = 20;

  /** The state, and the report of a campaign with a ledger, keep this many recent entries. */
  static final int RECENT_KEPT = 50;

  /**
   * A ledger part is written at least this often (and at every continue-as-new and at the end):
   * it bounds the entries waiting in memory when runs are long.
   */
  static final int LEDGER_BATCH = 250;

  /**
   * Change ids for {@link Workflow#getVersion}: campaigns recorded before a change replay with the
   * behaviour they ran with. LEDGER: entries go to the ledger and the state keeps the recent
   * ones (before: the state carried every entry). FULL_STAGING_ACTIVITY: the full backup is
   * staged by a heartbeating activity (before: a local activity). SUBMIT_READS_JOB: the local
   * activity that submits a job also reads it once, and a job that has already ended is not
   * waited on by a polling activity (before: every job was).
   */
  static final String LEDGER = "ledger";

  static final String FULL_STAGING_ACTIVITY = "full-staging-activity";

  static final String SUBMIT_READS_JOB = "submit-reads-job";

  /**
   * MISSING_LINKS: the operator's retry of a failed log backup first applies the log backups
   * found between the last one passed and it (before: the same file was submitted again).
   */
  static final String MISSING_LINKS = "missing-links";

  /**
   * JOB_IDENTITY: the campaign's first run draws a run identity that every job name and tag
   * carries, so that a campaign started again with the same id makes its own jobs instead of
   * adopting the earlier run's (before: names were a hash of the campaign id and file alone).
   */
  static final String JOB_IDENTITY = "job-identity";

  /** A full backup's server-side copy may take hours; it heartbeats meanwhile. */
  static final Duration FULL_STAGING_TIMEOUT = Duration.ofHours(12);

  static final Duration FULL_STAGING_HEARTBEAT = Duration.ofMinutes(2);

  /** Reports kept in the state and shown in the status. */
  static final int REPORTS_KEPT = 50;

  /**
   * One discovery activity waits at most this long; then a fresh one starts. It bounds the retry
   * loop without costing more than six events per window.
   */
  static final Duration DISCOVERY_WINDOW = Duration.ofHours(6);

  /** Same for the wait on one DRS job: a restore may run for a day and more. */
  static final Duration JOB_WAIT_WINDOW = Duration.ofDays(1);

  /** How long a polling attempt may go without a heartbeat before another worker takes over. */
  static final Duration POLL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  /** Staging copies a backup server-side, which may take minutes for a large file. */
  static final Duration LOCAL_CALL_TIMEOUT = Duration.ofMinutes(30);

  static final String ALARM_FINAL_BACKUP = "final-backup";
  static final String ALARM_DISCOVERY = "discovery";
  static final String ALARM_CUTOVER_SIGNAL = "cutover-signal";
  static final String ALARM_LEDGER = "ledger";
  static final String ALARM_FOREIGN_JOB = "foreign-job";
  /** The jobs the foreign-job alarm names at most, the newest; the status reports name them all. */
  private static final int FOREIGN_JOBS_KEPT = 20;

  private static final String SKIPPED = "SKIPPED";
  private static final String ERROR = "ERROR";
  private static final String ABANDONED = "ABANDONED";
  private static final String NOT_APPLIED = "NOT_APPLIED";

  private final CampaignSpec spec;

  // Carried across continue-as-new (see CampaignState).
  private boolean validated;
  private final int completedRuns;
  private final long continueAsNewAfterEvents;
  private AppliedBackup fullJob;
  private final List<AppliedBackup> backups;
  private final Deque<AppliedBackup> recent;
  private int ledgerParts;
  private int appliedCount;
  private int nextSequence;
  private DiscoveryCursor cursor;
  private String lastOrderKey;
  private String lastSubmittedOrderKey;
  private long newestAppliedModifiedMillis;
  private final List<BackupFile> pending;
  private boolean paused;
  private CutoverState cutover;
  private final Deque<String> reports;
  private final Map<String, String> alarms;
  private String abortReason;
  private String runIdentity;

  // This run only.
  private Phase stage = Phase.VALIDATING;
  private Blocked blocked;
  private Decision decision;
  private String inFlight;
  private int operatorEpoch;
  private int filesThisRun;
  private long onlineMillis = -1;
  private boolean ledgerKept;

  /** A file the campaign cannot pass until the operator decides. */
  private record Blocked(String key, String fileName, String reason, boolean skippable) {}

  /** The operator's answer to a blocked file. */
  private record Decision(Kind kind, String reason) {
    enum Kind {
      RETRY,
      SKIP
    }
  }

  /**
   * One file to restore, with how. {@code passedOrderKey} is the order key of the last file the
   * chain passed (applied or skipped) before this one; null for the first log and for the full.
   */
  private record Submission(
      String key, BackupFile file, RecoveryMode mode, boolean last, int sequence, boolean skippable,
      String passedOrderKey) {

    Submission after(String orderKey) {
      return new Submission(key, file, mode, last, sequence, skippable, orderKey);
    }
  }

  /**
   * Loads the carried state before any handler runs, so that a signal or update arriving in the
   * first workflow task of a new run sees the whole campaign.
   */
  @WorkflowInit
  public CampaignWorkflowImpl(CampaignSpec spec, CampaignState carried) {
    CampaignState state = carried == null ? CampaignState.start() : carried;
    this.spec = spec;
    this.validated = state.validated();
    this.completedRuns = state.completedRuns();
    this.continueAsNewAfterEvents = state.continueAsNewAfterEvents();
    this.fullJob = state.fullJob();
    this.backups = new ArrayList<>(state.backups());
    // A state carried by a campaign started before the ledger has no recent list: its backups
    // (every entry) provide it.
    List<AppliedBackup> carriedRecent = state.recent() != null ? state.recent()
        : state.backups().subList(Math.max(0, state.backups().size() - RECENT_KEPT), state.backups().size());
    this.recent = new ArrayDeque<>(carriedRecent);
    this.ledgerParts = state.ledgerParts();
    this.appliedCount = state.appliedCount();
    this.nextSequence = state.nextSequence();
    this.cursor = state.cursor();
    this.lastOrderKey = state.lastOrderKey();
    this.lastSubmittedOrderKey = state.lastSubmittedOrderKey();
    this.newestAppliedModifiedMillis = state.newestAppliedModifiedMillis();
    this.pending = new ArrayList<>(state.pending());
    this.paused = state.paused();
    this.cutover = state.cutover();
    this.reports = new ArrayDeque<>(state.reports());
    this.alarms = new LinkedHashMap<>(state.alarms());
    this.abortReason = state.abortReason();
    this.runIdentity = state.runIdentity();
  }

  @Override
  public CampaignReport run(CampaignSpec spec, CampaignState carried) {
    validate();
    ledgerKept = Workflow.getVersion(LEDGER, Workflow.DEFAULT_VERSION, 1) >= 1 && spec.source().bucket() != null;
    if (spec.mode() == Mode.FULL_AND_INCREMENTAL) {
      restoreFull(false);
      BackupFile finalBackup = catchUp();
      if (finalBackup != null) {
        cutOver(finalBackup);
      }
    } else {
      // The seed's one-shot scenarios: the only job is the last one, by the operator's choice
      // of mode, so it goes with is_last_backup=true without a cutover.
      restoreFull(true);
    }
    return finish();
  }

  // ---- The runbook ----------------------------------------------------------------------

  /** Reject a bad spec before anything is submitted, listing every violation. */
  private void validate() {
    if (validated) {
      return;
    }
    // Checked before anything else reads the spec, so that a spec with missing parts fails the
    // workflow with the list of violations instead of failing its tasks with a null pointer.
    List<SpecViolation> violations = CampaignSpecValidator.validate(spec);
    if (!violations.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          InvalidSpecException.describe(violations),
          INVALID_SPEC,
          violations.stream().map(SpecViolation::toString).toList());
    }
    if (Workflow.getVersion(JOB_IDENTITY, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Twelve hex digits (48 bits) of a deterministic UUID: unique among the runs that could
      // ever share a campaign id and a DRS project, and short enough for the 50-character name.
      runIdentity = Workflow.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    validated = true;
    publish();
  }

  /** Restore the full backup (from OBS or from an RDS backup) and wait for SUCCESS. */
  private void restoreFull(boolean last) {
    if (fullJob != null && succeeded(fullJob)) {
      return;
    }
    stage = Phase.FULL_RESTORE;
    publish();
    SourceSpec source = spec.source();
    String key = spec.mode() == Mode.RDS_FULL ? "rds:" + source.rds().fileId() : source.fullBackup();
    fullJob = applyUntilDecided(new Submission(key, null, RecoveryMode.FULL, last, 0, false, null));
    if (last && fullJob != null && succeeded(fullJob)) {
      onlineMillis = fullJob.endedMillis();
    }
  }

  /**
   * Apply log backups in chain order as they settle, until the next one is the cutover's final
   * file. Returns that file, or null when the campaign was aborted.
   */
  private BackupFile catchUp() {
    if (abortReason != null) {
      return null;
    }
    stage = Phase.CATCHING_UP;
    publish();
    while (abortReason == null) {
      if (!awaitResumed()) {
        return null;
      }
      if (backups.size() >= LEDGER_BATCH) {
        writeLedger();
      }
      if (continueAsNewDue()) {
        continueAsNew();
      }
      if (pending.isEmpty()) {
        watchForBackups();
        continue;
      }
      BackupFile next = pending.get(0);
      if (chooseIfFinal(next)) {
        return next;
      }
      applyLog(next, false);
    }
    return null;
  }

  /** Submit the final file with is_last_backup=true: the database comes online. */
  private void cutOver(BackupFile finalBackup) {
    stage = Phase.FINALIZING;
    publish();
    AppliedBackup result = applyLog(finalBackup, true);
    if (result != null && succeeded(result)) {
      onlineMillis = result.endedMillis();
    }
  }

  /** The report: every file, the downtime, and what was left out. */
  private CampaignReport finish() {
    boolean aborted = abortReason != null;
    stage = aborted ? Phase.ABORTED : Phase.COMPLETED;
    for (BackupFile left : pending) {
      refuse(left.key(), NOT_APPLIED, aborted ? "the campaign was aborted" : "comes after the final backup");
    }
    pending.clear();
    LedgerSummary ledger = null;
    List<AppliedBackup> listed = List.copyOf(backups);
    if (ledgerKept) {
      writeLedger();
      ledger = assembleLedger();
      // Entries the ledger could not take stay in the report itself rather than being lost.
      listed = backups.isEmpty() ? List.copyOf(recent) : List.copyOf(backups);
    }
    publish();
    long requested = cutover == null ? -1 : cutover.requestedAtMillis();
    long downtime = requested >= 0 && onlineMillis >= 0 ? onlineMillis - requested : -1;
    return new CampaignReport(
        spec.campaignId(), stage, listed, requested, onlineMillis, downtime, abortReason, ledger,
        List.copyOf(alarms.values()));
  }

  // ---- The ledger -----------------------------------------------------------------------

  /** Every job, skip and refused object passes here: into the ledger's backlog and the recent list. */
  private void record(AppliedBackup entry) {
    backups.add(entry);
    recent.addLast(entry);
    while (recent.size() > RECENT_KEPT) {
      recent.removeFirst();
    }
  }

  /**
   * Writes the backlog as the next ledger part (a local activity: one marker event, and its
   * input stays out of history). When the store cannot take it, the backlog is kept and written
   * with the next part, and the operator is told.
   */
  private void writeLedger() {
    if (!ledgerKept || backups.isEmpty()) {
      return;
    }
    String key = LedgerKeys.part(ledgerFolder(), ledgerParts);
    try {
      localBackup("write ledger part " + ledgerParts + " (" + backups.size() + " entries) to " + key)
          .appendLedger(spec.source().bucket(), key, List.copyOf(backups));
      ledgerParts++;
      backups.clear();
      alarms.remove(ALARM_LEDGER);
    } catch (ActivityFailure e) {
      alarms.put(ALARM_LEDGER, "the ledger cannot be written (" + rootMessage(e) + "); "
          + backups.size() + " entries wait in the workflow");
      publish();
    }
  }

  /** The report object, from every part written; null (and an alarm) when it cannot be made. */
  private LedgerSummary assembleLedger() {
    String folder = ledgerFolder();
    BackupActivities reporter = Workflow.newActivityStub(BackupActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
        .setSummary("assemble the campaign report from " + ledgerParts + " ledger parts under " + folder)
        .build());
    try {
      return reporter.assembleLedger(spec.source().bucket(), folder, ledgerParts, LedgerKeys.report(folder));
    } catch (ActivityFailure e) {
      alarms.put(ALARM_LEDGER, "the report could not be assembled from the ledger under " + folder + ": " + rootMessage(e));
      return null;
    }
  }

  private String ledgerFolder() {
    return LedgerKeys.folder(spec.source().stagingPrefix(), spec.campaignId(), runIdentity);
  }

  // ---- Applying one file ----------------------------------------------------------------

  /** Apply a pending log backup; returns how it ended, or null when aborted. */
  private AppliedBackup applyLog(BackupFile file, boolean last) {
    pending.remove(file);
    String passed = lastSubmittedOrderKey;
    lastSubmittedOrderKey = orderOf(file);
    AppliedBackup result =
        applyInChain(new Submission(file.key(), file, RecoveryMode.INCRE, last, nextSequence++, !last, passed));
    publish();
    return result;
  }

  /** Applies one log backup of the chain and counts it once it succeeded. */
  private AppliedBackup applyInChain(Submission submission) {
    AppliedBackup result = applyUntilDecided(submission);
    if (result != null && succeeded(result)) {
      appliedCount++;
      filesThisRun++;
      newestAppliedModifiedMillis = Math.max(newestAppliedModifiedMillis, submission.file().lastModifiedMillis());
    }
    return result;
  }

  /**
   * Run the file's job; while it fails, block until the operator retries (a new attempt, a new
   * job name), skips (recorded) or aborts. Returns the last attempt or the skip, null on abort.
   */
  private AppliedBackup applyUntilDecided(Submission toApply) {
    Submission submission = toApply;
    int attempt = 1;
    while (true) {
      if (!awaitResumed()) {
        return null;
      }
      AppliedBackup result = runJob(submission, attempt);
      record(result);
      if (succeeded(result)) {
        return result;
      }
      if (result.outcome().equals(ABANDONED)) {
        return null;
      }
      Decision answer = block(submission, result);
      if (answer == null) {
        return null;
      }
      if (answer.kind() == Decision.Kind.SKIP) {
        long now = Workflow.currentTimeMillis();
        AppliedBackup skipped =
            new AppliedBackup(
                submission.key(), result.submittedName(), null, null, mode(submission), false, now, now,
                SKIPPED, answer.reason());
        record(skipped);
        return skipped;
      }
      if (submission.mode() == RecoveryMode.INCRE && submission.file() != null
          && Workflow.getVersion(MISSING_LINKS, Workflow.DEFAULT_VERSION, 1) >= 1) {
        submission = applyMissingLinks(submission);
        if (submission == null) {
          return null;
        }
      }
      // A retry gets a new name only when DRS knows a job under the old one. When no job id came
      // back (the submission itself gave up), DRS may still have created the job: the same name
      // lets "find by name, else create" pick it up instead of making a second one.
      if (result.jobId() != null) {
        attempt++;
      }
    }
  }

  /**
   * Before the operator's retry of a failed log backup: a log backup uploaded late, after its
   * successor was submitted, leaves an LSN gap that fails the successor's job, and retrying that
   * job alone fails the same way. The log backups now in the bucket between the last one passed
   * and the blocked one are applied first, in chain order, each exactly once like any other (and
   * each may block in turn). Returns the blocked submission with the last file passed; null when
   * the campaign was aborted meanwhile. When the search itself fails, the retry goes ahead alone.
   */
  private Submission applyMissingLinks(Submission blockedOn) {
    List<BackupFile> links;
    try {
      links = localBackup("look for log backups missing before " + blockedOn.file().fileName())
          .findMissingLinks(new MissingLinkRequest(
              spec.source(), spec.timing().settleSeconds(), blockedOn.passedOrderKey(), blockedOn.key()));
    } catch (ActivityFailure e) {
      note("retry of " + blockedOn.key() + ": could not look for missing log backups: " + rootMessage(e));
      return blockedOn;
    }
    String passed = blockedOn.passedOrderKey();
    for (BackupFile link : links) {
      note("missing link " + link.key() + " found before " + blockedOn.key() + ": applied first");
      AppliedBackup result = applyInChain(
          new Submission(link.key(), link, RecoveryMode.INCRE, false, nextSequence++, true, passed));
      if (result == null) {
        return null;
      }
      passed = orderOf(link);
    }
    return blockedOn.after(passed);
  }

  /** Stage, submit exactly once by name, and wait for the job to finish. */
  private AppliedBackup runJob(Submission submission, int attempt) {
    String jobName =
        JobNames.of(spec.jobNamePrefix(), spec.campaignId(), runIdentity, submission.key(), submission.sequence(), attempt);
    long started = Workflow.currentTimeMillis();
    inFlight = submission.key();
    publish();
    String submittedName = null;
    String jobId = null;
    try {
      JobRequest request;
      if (spec.mode() == Mode.RDS_FULL) {
        submittedName = spec.source().rds().fileId();
        request = rdsRequest(jobName);
      } else {
        BackupFile file = submission.file() != null ? submission.file() : describeFullBackup();
        if (file == null) {
          return attemptResult(submission, null, jobName, null, started, ERROR,
              "backup not found: " + spec.source().bucket() + "/" + submission.key());
        }
        if (submission.file() == null) {
          anchorChain(file);
        }
        StagedBackup staged = stage(new StageRequest(spec.source().bucket(), file, spec.source().stagingPrefix()),
            submission.mode() == RecoveryMode.FULL);
        submittedName = staged.obsPath() + staged.fileName();
        request = obsRequest(jobName, staged, submission.mode(), submission.last());
      }
      DrsActivities submitter = localDrs("submit " + submittedName + " as DRS job " + jobName);
      Optional<JobOutcome> outcome;
      if (Workflow.getVersion(SUBMIT_READS_JOB, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        jobId = submitter.submitJob(request);
        outcome = awaitJob(jobId, jobName, submittedName);
      } else {
        // A job that ended before the submission's read (a small log backup) costs no polling
        // activity: that is an activity task and a workflow task fewer, six history events.
        SubmittedJob submitted = submitter.submitJobAndRead(request);
        jobId = submitted.jobId();
        reportNotAdopted(submitted);
        outcome = submitted.ended() != null ? Optional.of(submitted.ended()) : awaitJob(jobId, jobName, submittedName);
      }
      if (outcome.isEmpty()) {
        return attemptResult(submission, submittedName, jobName, jobId, started, ABANDONED,
            "the campaign was aborted while this job ran; DRS may still finish it");
      }
      JobOutcome ended = outcome.get();
      return attemptResult(submission, submittedName, jobName, jobId, started, ended.state().name(),
          ended.errorLog());
    } catch (ActivityFailure e) {
      return attemptResult(submission, submittedName, jobName, jobId, started, ERROR, rootMessage(e));
    } finally {
      inFlight = null;
    }
  }

  /**
   * Jobs that bear this job's name but were made by another campaign run, for another target or
   * for another file: never adopted, and shown so that the operator can look at them in DRS.
   */
  private void reportNotAdopted(SubmittedJob submitted) {
    if (submitted.notAdopted() == null || submitted.notAdopted().isEmpty()) {
      return;
    }
    submitted.notAdopted().forEach(line -> note("NOT_ADOPTED " + line));
    // Every such job stays in the alarm until the campaign ends, so that the report lists them
    // all for the operator to delete; the newest are kept when there are very many.
    List<String> jobs = new ArrayList<>();
    String earlier = alarms.get(ALARM_FOREIGN_JOB);
    if (earlier != null) {
      jobs.addAll(List.of(earlier.split("; ")));
    }
    jobs.addAll(submitted.notAdopted());
    alarms.put(ALARM_FOREIGN_JOB,
        String.join("; ", jobs.subList(Math.max(0, jobs.size() - FOREIGN_JOBS_KEPT), jobs.size())));
  }

  /** Waits for the job; the activity's retry policy is the poll loop. Empty when aborted. */
  private Optional<JobOutcome> awaitJob(String jobId, String jobName, String fileName) {
    DrsActivities drs = Workflow.newActivityStub(DrsActivities.class,
        pollingOptions(JOB_WAIT_WINDOW, "wait for DRS job " + jobName + " restoring " + fileName));
    while (true) {
      try {
        return untilDoneOr(() -> Async.function(drs::awaitJob, jobId), () -> abortReason != null);
      } catch (ActivityFailure e) {
        if (!windowEnded(e)) {
          throw e;
        }
        // The job is still running after a whole window: wait on the same job again. A new
        // attempt would create a second job, which is exactly what must never happen.
      }
    }
  }

  /**
   * Log backups older than the full backup cannot follow it: discovery starts after the full
   * backup's order key where the naming convention recognised it as a full backup.
   */
  private void anchorChain(BackupFile full) {
    if (lastOrderKey == null && full.kind() == BackupFile.Kind.FULL && full.orderKey() != null) {
      lastOrderKey = full.orderKey();
      cursor = new DiscoveryCursor(cursor.marker(), full.orderKey(), cursor.unsettled(), cursor.recentKeys());
    }
  }

  /**
   * Log backups are small: they are staged by a local activity (one marker event, the budget of
   * 15 events per log backup holds). A full backup may be hundreds of GB, whose server-side copy
   * can outlast any sensible local activity: it is a normal activity that heartbeats while the
   * copy runs, so a worker that dies mid-copy is noticed in minutes, not after the timeout.
   */
  private StagedBackup stage(StageRequest request, boolean full) {
    String summary = "stage " + request.file().fileName();
    if (!full || Workflow.getVersion(FULL_STAGING_ACTIVITY, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return localBackup(summary).stage(request);
    }
    BackupActivities stager = Workflow.newActivityStub(BackupActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(FULL_STAGING_TIMEOUT)
        .setHeartbeatTimeout(FULL_STAGING_HEARTBEAT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(10))
            .setMaximumInterval(Duration.ofMinutes(5))
            .setMaximumAttempts(5)
            .build())
        .setSummary(summary + " (full backup, server-side copy)")
        .build());
    return stager.stage(request);
  }

  private BackupFile describeFullBackup() {
    return localBackup("describe full backup " + spec.source().fullBackup())
        .describe(spec.source().bucket(), spec.source().fullBackup());
  }

  private AppliedBackup attemptResult(Submission submission, String submittedName, String jobName,
      String jobId, long started, String outcome, String note) {
    return new AppliedBackup(submission.key(), submittedName, jobName, jobId, mode(submission),
        submission.last(), started, Workflow.currentTimeMillis(), outcome, note);
  }

  /** BLOCKED until the operator answers; null when the answer is abort. */
  private Decision block(Submission submission, AppliedBackup failed) {
    String reason = failed.outcome() + ": " + (failed.note() == null ? "(no error_log)" : failed.note());
    blocked = new Blocked(submission.key(), fileName(submission.key()), reason, submission.skippable());
    log.warn("campaign blocked on {}: {}", submission.key(), reason);
    publish();
    Workflow.await(() -> decision != null || abortReason != null);
    Decision answer = abortReason != null ? null : decision;
    blocked = null;
    decision = null;
    publish();
    return answer;
  }

  /** While paused, wait; false when the campaign was aborted meanwhile. */
  private boolean awaitResumed() {
    if (paused && abortReason == null) {
      publish();
      Workflow.await(() -> !paused || abortReason != null);
      publish();
    }
    return abortReason == null;
  }

  // ---- Watching the bucket --------------------------------------------------------------

  /**
   * Waits for new log backups, or for the operator. The discovery activity fails while nothing
   * is new and its retry policy waits a poll interval between listings, which costs no history;
   * an operator's action cancels it at once.
   */
  private void watchForBackups() {
    int epoch = operatorEpoch;
    DiscoveryRequest request =
        new DiscoveryRequest(spec.source(), spec.timing().settleSeconds(), cursor, DISCOVERY_BATCH);
    BackupActivities watcher = Workflow.newActivityStub(BackupActivities.class,
        pollingOptions(DISCOVERY_WINDOW, "watch " + spec.source().bucket() + "/" + nullToEmpty(spec.source().prefix())
            + " for log backups after " + (lastOrderKey == null ? "the full backup" : lastOrderKey)));
    try {
      untilDoneOr(() -> Async.function(watcher::awaitNewBackups, request), () -> operatorEpoch != epoch)
          .ifPresent(this::take);
      alarms.remove(ALARM_DISCOVERY);
    } catch (ActivityFailure e) {
      if (windowEnded(e)) {
        return;
      }
      // A failure that retrying did not cure (access denied, a missing bucket): tell the
      // operator and look again after a poll interval rather than spinning.
      alarms.put(ALARM_DISCOVERY, "discovery is failing: " + rootMessage(e));
      publish();
      Workflow.await(Duration.ofSeconds(spec.timing().pollIntervalSeconds()), () -> operatorEpoch != epoch);
    }
  }

  /** Takes one discovery pass's findings: ready files into pending, the rest reported. */
  private void take(DiscoveryResult result) {
    cursor = result.next();
    for (BackupReport report : result.reports()) {
      // The full backup lies in the prefix too and is older than the chain's head by design. A
      // missing link the operator's retry applied is older than the head too: it is in the
      // report already, as applied, and must not also appear there as late.
      if (!report.key().equals(spec.source().fullBackup()) && !appliedRecently(report.key())) {
        refuse(report.key(), report.problem().name(), report.reason());
      }
    }
    for (BackupFile file : result.ready()) {
      if (file.key().equals(spec.source().fullBackup())) {
        continue;
      }
      String problem = admissionProblem(file);
      if (problem != null) {
        refuse(file.key(), file.kind() == BackupFile.Kind.LOG ? BackupReport.Problem.LATE.name() : NOT_APPLIED, problem);
      } else {
        pending.add(file);
        lastOrderKey = orderOf(file);
      }
    }
    publish();
  }

  /**
   * Whether a job restored this file among the recent entries: discovery reports a missing link
   * in the first pass after the retry that applied it, so the recent entries still hold it.
   */
  private boolean appliedRecently(String key) {
    return recent.stream().anyMatch(entry -> entry.key().equals(key) && entry.jobId() != null && succeeded(entry));
  }

  /**
   * Why a ready file may not join the chain, or null. Discovery checks order too; checking again
   * here means a file older than one already taken is never applied, whatever the store did.
   */
  private String admissionProblem(BackupFile file) {
    if (file.kind() != BackupFile.Kind.LOG) {
      return "a " + file.kind() + " backup is not part of the log chain being applied";
    }
    String database = spec.source().database();
    if (database != null && file.database() != null && !database.equalsIgnoreCase(file.database())) {
      return "belongs to database " + file.database() + ", not " + database;
    }
    if (lastOrderKey != null && orderOf(file).compareTo(lastOrderKey) <= 0) {
      return "older than " + lastOrderKey + ", already taken: applying it would break the chain";
    }
    return null;
  }

  // ---- Cutover --------------------------------------------------------------------------

  /**
   * Whether the file is the cutover's final one: the named file, or without a name the first log
   * backup modified at or after the request (the tail-log backup taken once the application
   * stopped). Records the choice.
   */
  private boolean chooseIfFinal(BackupFile file) {
    if (cutover == null || !isFinal(file, cutover)) {
      return false;
    }
    cutover = new CutoverState(cutover.requestedAtMillis(), cutover.finalBackup(), file.key());
    alarms.remove(ALARM_FINAL_BACKUP);
    return true;
  }

  private static boolean isFinal(BackupFile file, CutoverState requested) {
    if (requested.finalBackup() != null) {
      return file.key().equals(requested.finalBackup())
          || file.fileName().equals(fileName(requested.finalBackup()));
    }
    return file.lastModifiedMillis() >= requested.requestedAtMillis();
  }

  /** Why a cutover cannot be accepted now, or empty. */
  private Optional<String> cutoverRejection(CutoverRequest request) {
    if (spec.mode() != Mode.FULL_AND_INCREMENTAL) {
      return Optional.of("a " + spec.mode() + " campaign has no cutover: its only job is the last one");
    }
    if (abortReason != null || stage == Phase.COMPLETED) {
      return Optional.of("the campaign is " + (abortReason != null ? "aborted" : "completed"));
    }
    if (cutover != null) {
      return Optional.of("a cutover was already requested"
          + (cutover.finalBackup() == null ? "" : " with final backup " + cutover.finalBackup()));
    }
    if (fullJob == null || !succeeded(fullJob)) {
      return Optional.of("premature: the full restore has not succeeded yet");
    }
    String named = request == null ? null : request.finalBackup();
    return named == null ? Optional.empty() : finalBackupRejection(named);
  }

  private Optional<String> finalBackupRejection(String named) {
    Optional<ParsedName> parsed = BackupNaming.of(spec.source().naming()).parse(named);
    if (parsed.isEmpty()) {
      return Optional.of("final backup " + named + " is not a name the " + spec.source().naming().convention()
          + " naming convention recognises");
    }
    ParsedName name = parsed.get();
    if (name.kind() != BackupFile.Kind.LOG) {
      return Optional.of("final backup " + named + " is a " + name.kind() + " backup, not a log backup");
    }
    String database = spec.source().database();
    if (database != null && name.database() != null && !database.equalsIgnoreCase(name.database())) {
      return Optional.of("final backup " + named + " belongs to database " + name.database() + ", not " + database);
    }
    if (lastSubmittedOrderKey != null && name.orderKey().compareTo(lastSubmittedOrderKey) <= 0) {
      return Optional.of("final backup " + named + " is not after the last backup applied or in flight");
    }
    return Optional.empty();
  }

  private CutoverPlan accept(CutoverRequest request) {
    cutover = new CutoverState(Workflow.currentTimeMillis(), request == null ? null : request.finalBackup(), null);
    alarms.remove(ALARM_CUTOVER_SIGNAL);
    operatorEpoch++;
    CutoverPlan plan = plan();
    log.info("cutover requested: {}", plan);
    publish();
    return plan;
  }

  private CutoverPlan plan() {
    List<String> remaining = new ArrayList<>();
    for (BackupFile file : pending) {
      if (isFinal(file, cutover)) {
        return new CutoverPlan(remaining, file.key(), false);
      }
      remaining.add(file.key());
    }
    return new CutoverPlan(remaining, cutover.finalBackup(), true);
  }

  /** When the final-backup alarm is due, or -1 when it is not armed. */
  private long finalBackupAlarmAt() {
    if (cutover == null || cutover.finalChosen() != null || alarms.containsKey(ALARM_FINAL_BACKUP)) {
      return -1;
    }
    return cutover.requestedAtMillis() + spec.timing().finalBackupAlarmSeconds() * 1000;
  }

  // ---- Continue-as-new ------------------------------------------------------------------

  private boolean continueAsNewDue() {
    WorkflowInfo info = Workflow.getInfo();
    return filesThisRun >= spec.timing().continueAsNewEveryFiles()
        || info.isContinueAsNewSuggested()
        || info.getHistoryLength() >= continueAsNewAfterEvents;
  }

  /** Start a fresh run with the whole state, once no handler is half-way. */
  private void continueAsNew() {
    writeLedger();
    Workflow.await(Workflow::isEveryHandlerFinished);
    log.info("continuing as new after {} files, {} events", filesThisRun, Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(spec, snapshot());
  }

  /** Alarms keep the order they were raised in (Map.copyOf would not: its order is per JVM). */
  private CampaignState snapshot() {
    return new CampaignState(validated, completedRuns + 1, continueAsNewAfterEvents, fullJob,
        List.copyOf(backups), appliedCount, nextSequence, cursor, lastOrderKey, lastSubmittedOrderKey,
        newestAppliedModifiedMillis, List.copyOf(pending), paused, cutover, List.copyOf(reports),
        Collections.unmodifiableMap(new LinkedHashMap<>(alarms)), abortReason, List.copyOf(recent), ledgerParts,
        runIdentity);
  }

  // ---- Operator interface ---------------------------------------------------------------

  @Override
  public void cutover(CutoverRequest request) {
    Optional<String> rejection = cutoverRejection(request);
    if (rejection.isPresent()) {
      alarms.put(ALARM_CUTOVER_SIGNAL, "cutover signal rejected: " + rejection.get());
      note("cutover signal rejected: " + rejection.get());
      publish();
      return;
    }
    accept(request);
  }

  @Override
  public CutoverPlan requestCutover(CutoverRequest request) {
    return accept(request);
  }

  @Override
  public void validateCutover(CutoverRequest request) {
    cutoverRejection(request).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
  }

  @Override
  public void pause() {
    paused = true;
    operatorEpoch++;
    publish();
  }

  @Override
  public void resume() {
    paused = false;
    operatorEpoch++;
    publish();
  }

  @Override
  public void retry() {
    if (blocked == null) {
      note("retry ignored: nothing is blocked");
      return;
    }
    decision = new Decision(Decision.Kind.RETRY, null);
  }

  @Override
  public void skip(SkipRequest request) {
    if (blocked == null) {
      note("skip ignored: nothing is blocked");
    } else if (!blocked.skippable()) {
      note("skip refused: " + blocked.key() + " cannot be left out (the full restore or the final backup); retry or abort");
    } else if (request == null || request.file() == null
        || !(request.file().equals(blocked.key()) || fileName(request.file()).equals(blocked.fileName()))) {
      note("skip ignored: it names " + (request == null ? null : request.file()) + " but the blocked file is " + blocked.key());
    } else if (request.reason() == null || request.reason().isBlank()) {
      note("skip refused: a reason is required, it goes into the report");
    } else {
      decision = new Decision(Decision.Kind.SKIP, request.reason());
    }
  }

  @Override
  public void abort(AbortRequest request) {
    if (abortReason == null) {
      abortReason = request == null || request.reason() == null ? "aborted by the operator" : request.reason();
      operatorEpoch++;
    }
  }

  @Override
  public CampaignStatus status() {
    long lag = newestAppliedModifiedMillis < 0 ? -1 : (Workflow.currentTimeMillis() - newestAppliedModifiedMillis) / 1000;
    return new CampaignStatus(spec.campaignId(), phase(), fullJob,
        recent.stream().skip(Math.max(0, recent.size() - STATUS_RECENT)).toList(),
        appliedCount, pending.stream().map(BackupFile::key).toList(), inFlight,
        blocked == null ? null : blocked.reason(), lag, cutover, List.copyOf(reports),
        List.copyOf(alarms.values()), completedRuns + 1);
  }

  // ---- Visibility -----------------------------------------------------------------------

  /** What operators see: the phase overlays (blocked, paused) on where the runbook is. */
  private Phase phase() {
    if (stage == Phase.COMPLETED || stage == Phase.ABORTED) {
      return stage;
    }
    if (blocked != null) {
      return Phase.BLOCKED;
    }
    if (paused) {
      return Phase.PAUSED;
    }
    if (stage == Phase.CATCHING_UP && cutover != null) {
      return Phase.CUTOVER_REQUESTED;
    }
    return stage;
  }

  /**
   * Upserts the search attributes that changed (one history event, only when something did) and
   * refreshes the Markdown summary in the UI's current details (no event at all).
   */
  private void publish() {
    SearchAttributes current = Workflow.getTypedSearchAttributes();
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    changed(current, CampaignSearchAttributes.PHASE, phase().name(), updates);
    if (spec.target() != null && spec.target().instanceId() != null) {
      changed(current, CampaignSearchAttributes.TARGET_INSTANCE_ID, spec.target().instanceId(), updates);
    }
    changed(current, CampaignSearchAttributes.APPLIED_BACKUPS, (long) appliedCount, updates);
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
    Workflow.setCurrentDetails(summary());
  }

  private static <T> void changed(SearchAttributes current, SearchAttributeKey<T> key, T value,
      List<SearchAttributeUpdate<?>> updates) {
    if (!Objects.equals(current.get(key), value)) {
      updates.add(key.valueSet(value));
    }
  }

  private String summary() {
    StringBuilder md = new StringBuilder();
    md.append("## Campaign `").append(spec.campaignId()).append("`: **").append(phase()).append("**\n\n");
    md.append("- Full restore: ").append(fullJob == null ? "not submitted" : fullJob.outcome()).append('\n');
    md.append("- Log backups applied: ").append(appliedCount)
        .append(lastSubmittedOrderKey == null ? "" : " (last: `" + lastSubmittedOrderKey + "`)").append('\n');
    md.append("- Pending: ").append(pending.size()).append(inFlight == null ? "" : ", working on `" + inFlight + "`").append('\n');
    if (blocked != null) {
      md.append("- **Blocked** on `").append(blocked.key()).append("`: ").append(blocked.reason())
          .append(" (signal retry, skip or abort)\n");
    }
    if (cutover != null) {
      md.append("- Cutover requested; final backup: ")
          .append(cutover.finalChosen() != null ? "`" + cutover.finalChosen() + "`"
              : cutover.finalBackup() != null ? "`" + cutover.finalBackup() + "` (waiting for it)"
              : "the next log backup to arrive")
          .append('\n');
    }
    alarms.values().forEach(alarm -> md.append("- **Alarm**: ").append(alarm).append('\n'));
    return md.toString();
  }

  private void note(String line) {
    log.info(line);
    reports.addLast(line);
    while (reports.size() > REPORTS_KEPT) {
      reports.removeFirst();
    }
  }

  /** Records a file that will not be applied, in the report and the status. */
  private void refuse(String key, String problem, String reason) {
    long now = Workflow.currentTimeMillis();
    record(new AppliedBackup(key, null, null, null, "incre", false, now, now, problem, reason));
    note(problem + " " + key + ": " + reason);
  }

  // ---- Activities -----------------------------------------------------------------------

  /**
   * Runs an activity in a cancellation scope and waits until it completes or the interruption
   * holds; then cancels it. Empty when interrupted; the activity's failure is rethrown.
   */
  private <T> Optional<T> untilDoneOr(Supplier<Promise<T>> start, Supplier<Boolean> interrupted) {
    List<Promise<T>> started = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> {
      started.add(start.get());
    });
    scope.run();
    Promise<T> promise = started.get(0);
    waitFor(() -> promise.isCompleted() || interrupted.get());
    if (promise.isCompleted()) {
      return Optional.of(promise.get());
    }
    scope.cancel();
    return Optional.empty();
  }

  /**
   * Waits for the condition. While a cutover waits for its final backup, the wait is cut short
   * when the alarm falls due, the alarm is raised, and the wait goes on: one timer per cutover.
   */
  private void waitFor(Supplier<Boolean> condition) {
    while (!awaitUntilAlarm(condition)) {
      alarms.put(ALARM_FINAL_BACKUP, (cutover.finalBackup() == null
              ? "no log backup has arrived"
              : "final backup " + cutover.finalBackup() + " has not appeared")
          + " within " + spec.timing().finalBackupAlarmSeconds() + " s of the cutover request:"
          + " take the tail-log backup and upload it under the source prefix");
      publish();
    }
  }

  private boolean awaitUntilAlarm(Supplier<Boolean> condition) {
    long alarmAt = finalBackupAlarmAt();
    if (alarmAt < 0) {
      Workflow.await(condition);
      return true;
    }
    long remaining = alarmAt - Workflow.currentTimeMillis();
    return remaining > 0 && Workflow.await(Duration.ofMillis(remaining), condition);
  }

  /**
   * Polling activities: the retry policy is the loop. Backoff coefficient 1 and an initial
   * interval of the poll interval make each retry wait exactly that; no maximum of attempts,
   * bounded by the schedule-to-close window instead.
   */
  private ActivityOptions pollingOptions(Duration window, String summary) {
    Duration poll = Duration.ofSeconds(spec.timing().pollIntervalSeconds());
    return ActivityOptions.newBuilder()
        // One attempt is one read (of a job, or of the bucket); the activities heartbeat while
        // it runs, so a worker that dies mid-attempt is replaced after the heartbeat timeout,
        // not after the whole start-to-close timeout: on a cutover night that is downtime.
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setHeartbeatTimeout(POLL_HEARTBEAT_TIMEOUT)
        .setScheduleToCloseTimeout(window)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(poll)
            .setBackoffCoefficient(1.0)
            .setMaximumInterval(poll)
            .setMaximumAttempts(0)
            .setDoNotRetry(DrsActivities.REJECTED)
            .build())
        .setSummary(summary)
        .build();
  }

  private LocalActivityOptions localOptions(String summary) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(LOCAL_CALL_TIMEOUT)
        .setScheduleToCloseTimeout(LOCAL_CALL_TIMEOUT.multipliedBy(2))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(1))
            .setDoNotRetry(DrsActivities.REJECTED)
            .build())
        .setSummary(summary)
        .build();
  }

  private DrsActivities localDrs(String summary) {
    return Workflow.newLocalActivityStub(DrsActivities.class, localOptions(summary));
  }

  private BackupActivities localBackup(String summary) {
    return Workflow.newLocalActivityStub(BackupActivities.class, localOptions(summary));
  }

  private JobRequest obsRequest(String jobName, StagedBackup staged, RecoveryMode mode, boolean last) {
    RestoreOptions restore = spec.restore();
    return new JobRequest(jobName, spec.description(), spec.enterpriseProjectId(), tags(),
        spec.target().instanceId(), spec.target().fileStream(), FileSource.OBS, staged.bucket(),
        staged.fileName(), staged.obsPath(), null, null, null, mode, last, restore.precheck(),
        restore.cover(), restore.defaultRestore(), dbNames(), last && mode == RecoveryMode.FULL ? restore.renameTo() : null,
        restore.deleteBackupFile());
  }

  private JobRequest rdsRequest(String jobName) {
    RestoreOptions restore = spec.restore();
    SourceSpec.RdsBackup rds = spec.source().rds();
    return new JobRequest(jobName, spec.description(), spec.enterpriseProjectId(), tags(),
        spec.target().instanceId(), spec.target().fileStream(), FileSource.RDS, null, null, null,
        rds.fileId(), rds.rdsVersion(), rds.sourceInstanceId(), RecoveryMode.FULL, true,
        restore.precheck(), restore.cover(), restore.defaultRestore(), dbNames(), restore.renameTo(),
        restore.deleteBackupFile());
  }

  /** The spec's tags, and the run identity's tag where the campaign has one. */
  private List<io.cutover.spec.Tag> tags() {
    List<io.cutover.spec.Tag> tags = new ArrayList<>(spec.tags() == null ? List.of() : spec.tags());
    if (runIdentity != null) {
      tags.add(new io.cutover.spec.Tag(JobRequest.RUN_TAG, runIdentity));
    }
    return List.copyOf(tags);
  }

  private List<String> dbNames() {
    return spec.restore().dbNames() == null ? List.of() : spec.restore().dbNames();
  }

  // ---- Small helpers --------------------------------------------------------------------

  private static boolean succeeded(AppliedBackup backup) {
    return JobOutcome.State.SUCCESS.name().equals(backup.outcome());
  }

  private static String mode(Submission submission) {
    return submission.mode() == RecoveryMode.FULL ? "full" : "incre";
  }

  private static String orderOf(BackupFile file) {
    return file.orderKey() != null ? file.orderKey() : file.key();
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  /**
   * Whether a polling activity gave up because its schedule-to-close window ran out: the server
   * then reports the last attempt's failure (STILL_RUNNING, NOTHING_NEW) with retry state
   * TIMEOUT, or a timeout failure when an attempt itself was cut off.
   */
  private static boolean windowEnded(ActivityFailure failure) {
    return failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT || failure.getCause() instanceof TimeoutFailure;
  }

  private static String rootMessage(TemporalFailure failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
