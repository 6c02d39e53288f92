package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupFile;
import io.cutover.activity.HeaderFacts;
import io.cutover.activity.JobRequest;
import io.cutover.campaign.CampaignNotes.Alarm;
import io.cutover.campaign.CampaignStatus.CutoverState;
import io.cutover.headers.BackupType;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.DatabaseNames;
import io.cutover.naming.ObjectKeys;
import io.cutover.naming.ParsedName;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpec.Mode;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator's cutover: whether a request can be accepted, the plan it answers with, which
 * file is the final one, and the alarm when that file does not arrive in time. The request's
 * state is carried across continue-as-new.
 */
final class Cutover {

    private final CampaignSpec spec;
    private final CampaignNotes notes;
    private final ChainPlanning planning;
    private CutoverState state;
    /** The held final's job request, this run only: a final is never held across continue-as-new. */
    private JobRequest preparedFinalJob;

    Cutover(CampaignSpec spec, CutoverState carried, CampaignNotes notes, ChainPlanning planning) {
        this.spec = spec;
        this.state = carried;
        this.notes = notes;
        this.planning = planning;
    }

    /** The request, or null before the operator asked. */
    CutoverState state() {
        return state;
    }

    /** Carries the request across continue-as-new. */
    void carry(CampaignState.Builder next) {
        next.cutover(state);
    }

    /** Whether a cutover waits for its final backup: requested, and its final not chosen yet. */
    boolean waitingForFinal() {
        return state != null && state.finalChosen() == null;
    }

    boolean requested() {
        return state != null;
    }

    /**
     * Why a cutover cannot be accepted now, or empty.
     *
     * @param ended the campaign is aborted or completed: its words for it, or null
     * @param fullRestored whether the full restore has succeeded
     * @param lastSubmittedOrderKey the last file passed to DRS, which the final must come after
     * @param pending the files taken and waiting, in chain order
     * @param restored the recent entry of a job that restored a file of a given name, if any
     */
    Optional<String> rejection(
            CutoverRequest request,
            String ended,
            boolean fullRestored,
            String lastSubmittedOrderKey,
            List<BackupFile> pending,
            Function<String, Optional<AppliedBackup>> restored) {
        if (spec.mode() != Mode.FULL_AND_INCREMENTAL) {
            return Optional.of("a " + spec.mode() + " campaign has no cutover: its only job is the last one");
        }
        if (ended != null) {
            return Optional.of("the campaign is " + ended);
        }
        if (state != null) {
            return Optional.of("a cutover was already requested"
                    + (state.finalBackup() == null ? "" : " with final backup " + state.finalBackup()));
        }
        if (!fullRestored) {
            return Optional.of("premature: the full restore has not succeeded yet");
        }
        String named = request == null ? null : request.finalBackup();
        if (named == null) {
            return Optional.empty();
        }
        return planning.byHeaders()
                ? finalByHeaderRejection(named, pending, restored)
                : finalBackupRejection(named, lastSubmittedOrderKey);
    }

    /**
     * By headers, whatever its name: a log the chain has taken is accepted, a differential is not;
     * one already restored is not (the database is past it); one not in the bucket yet, or beyond a
     * missing log, is accepted and checked when it arrives.
     */
    private Optional<String> finalByHeaderRejection(
            String named, List<BackupFile> pending, Function<String, Optional<AppliedBackup>> restored) {
        Optional<BackupFile> taken =
                pending.stream().filter(file -> names(file, named)).findFirst();
        if (taken.isPresent() && taken.get().kind() != BackupFile.Kind.LOG) {
            return Optional.of("final backup " + named + " is not a log backup: its header says "
                    + taken.get().header().describe());
        }
        Optional<AppliedBackup> done = restored.apply(named);
        if (taken.isEmpty() && done.isPresent()) {
            String what = done.get().note() == null || done.get().note().isEmpty()
                    ? "job " + done.get().jobId()
                    : done.get().note();
            return Optional.of("final backup " + named + " was restored already (" + what
                    + "): the database is past it; name a log backup taken after it");
        }
        return Optional.empty();
    }

    /**
     * A file discovery will not apply: if it is the named final, the cutover cannot complete with
     * it, and the operator is told why.
     */
    void refused(String key, String reason) {
        if (state != null
                && state.finalChosen() == null
                && state.finalBackup() != null
                && names(key, state.finalBackup())) {
            notes.raise(
                    Alarm.FINAL_BACKUP,
                    "final backup " + state.finalBackup() + " cannot be the final: " + reason
                            + "; abort, or upload the right tail-log backup under that name");
        }
    }

    private Optional<String> finalBackupRejection(String named, String lastSubmittedOrderKey) {
        Optional<ParsedName> parsed = BackupNaming.of(spec.source().naming()).parse(named);
        if (parsed.isEmpty()) {
            return Optional.of("final backup " + named + " is not a name the "
                    + spec.source().naming().convention() + " naming convention recognises");
        }
        ParsedName name = parsed.get();
        if (name.kind() != BackupFile.Kind.LOG) {
            return Optional.of("final backup " + named + " is a " + name.kind() + " backup, not a log backup");
        }
        if (!DatabaseNames.match(spec.source().database(), name.database())) {
            return Optional.of("final backup " + named + " belongs to database " + name.database() + ", not "
                    + spec.source().database());
        }
        if (lastSubmittedOrderKey != null && name.orderKey().compareTo(lastSubmittedOrderKey) <= 0) {
            return Optional.of("final backup " + named + " is not after the last backup applied or in flight");
        }
        return Optional.empty();
    }

    /** Records the accepted request, now; returns the plan over the files waiting. */
    CutoverPlan accept(CutoverRequest request, List<BackupFile> pending) {
        state = new CutoverState(
                Workflow.currentTimeMillis(),
                request == null ? null : request.finalBackup(),
                null,
                request != null && request.hold(),
                0,
                0);
        notes.clear(Alarm.CUTOVER_SIGNAL);
        return plan(pending);
    }

    /** Whether the chosen final is to be held until the operator commits. */
    boolean holdsFinal() {
        return state != null && state.hold() && state.committedAtMillis() == 0;
    }

    /** The held final is staged: the campaign holds it from now on; its job will send {@code finalJob}. */
    void beginHolding(JobRequest finalJob) {
        state = state.withPrepared(Workflow.currentTimeMillis());
        preparedFinalJob = finalJob;
        notes.report("cutover prepared: final backup " + state.finalChosen() + " staged and held until commit");
    }

    /** Holding a staged final, waiting for the commit. */
    boolean holding() {
        return state != null && state.preparedAtMillis() > 0 && state.committedAtMillis() == 0;
    }

    /** The held final's job request, or null when there is none or its staging failed. */
    JobRequest preparedFinalJob() {
        return holding() ? preparedFinalJob : null;
    }

    boolean committed() {
        return state != null && state.committedAtMillis() > 0;
    }

    /** Whether a held final's wait is over: committed, or the cutover no longer asked (or aborted). */
    boolean holdOver(boolean aborted) {
        return committed() || !requested() || aborted;
    }

    /** Whether a wave's collection has its answer: the final held, or the cutover no longer asked. */
    boolean preparedOrNoLonger(boolean aborted) {
        return holding() || !requested() || aborted;
    }

    /** Why a commit cannot be accepted now, or empty. */
    Optional<String> commitRejection() {
        if (state == null) {
            return Optional.of("no cutover was requested");
        }
        if (!state.hold()) {
            return Optional.of("this cutover does not hold its final: it goes out as soon as it is ready");
        }
        if (state.committedAtMillis() > 0) {
            return Optional.of("the cutover was committed already");
        }
        if (state.preparedAtMillis() == 0) {
            return Optional.of("not prepared yet: "
                    + (state.finalChosen() == null
                            ? "its final backup is not in the bucket yet"
                            : "the log backups before its final backup are still being restored"));
        }
        return Optional.empty();
    }

    /** The operator's commit: the held final goes out. */
    void commit() {
        state = state.withCommitted(Workflow.currentTimeMillis());
        notes.report("cutover committed: final backup " + state.finalChosen() + " goes out");
    }

    /**
     * Why the cutover cannot be cancelled now, or empty: once its final goes out (committed, or
     * chosen without a hold), it cannot be called back.
     */
    Optional<String> cancelRejection() {
        if (state == null) {
            return Optional.of("no cutover was requested");
        }
        if (state.committedAtMillis() > 0) {
            return Optional.of("the cutover was committed: its final backup goes out");
        }
        if (!state.hold() && state.finalChosen() != null) {
            return Optional.of("its final backup " + state.finalChosen() + " is being restored");
        }
        return Optional.empty();
    }

    /** The operator's cancel: the campaign catches up again, the held final as any log backup. */
    void cancel() {
        notes.report("cutover cancelled"
                + (state.finalChosen() == null ? "" : ": " + state.finalChosen() + " will be applied as a log backup")
                + "; catching up again");
        state = null;
        notes.clear(Alarm.FINAL_BACKUP);
    }

    /** The wave's commit signal: a signal cannot answer, so a refusal is shown. */
    void commitBySignal() {
        commitRejection().ifPresentOrElse(reason -> rejectSignal("commit: " + reason), this::commit);
    }

    /** The wave's cancel signal; whether it cancelled (a refusal is shown). */
    boolean cancelBySignal() {
        Optional<String> rejection = cancelRejection();
        rejection.ifPresentOrElse(reason -> rejectSignal("cancel: " + reason), this::cancel);
        return rejection.isEmpty();
    }

    /** A cutover signal that cannot be accepted: it cannot answer, so it is shown. */
    void rejectSignal(String reason) {
        notes.raise(Alarm.CUTOVER_SIGNAL, "cutover signal rejected: " + reason);
        notes.report("cutover signal rejected: " + reason);
    }

    private CutoverPlan plan(List<BackupFile> pending) {
        List<String> remaining = new ArrayList<>();
        for (BackupFile file : pending) {
            if (isFinal(file)) {
                return new CutoverPlan(remaining, file.key(), false);
            }
            remaining.add(file.key());
        }
        return new CutoverPlan(remaining, state.finalBackup(), true);
    }

    /**
     * Whether the file is the cutover's final one: the named file, or without a name the first log
     * backup modified at or after the request (the tail-log backup taken once the application
     * stopped). Records the choice.
     */
    boolean chooseIfFinal(BackupFile file) {
        if (state == null || !isFinal(file)) {
            return false;
        }
        state = state.withFinalChosen(file.key());
        notes.clear(Alarm.FINAL_BACKUP);
        return true;
    }

    private boolean isFinal(BackupFile file) {
        if (state.finalBackup() != null) {
            return names(file, state.finalBackup());
        }
        HeaderFacts header = file.header();
        if (header != null && header.startedAtMillis() >= 0) {
            // Taken after the request by the source's own clock: a log taken before it but uploaded
            // after it (a copy job running behind) is not the tail-log backup. The header's start
            // date has whole seconds.
            return header.type() == BackupType.LOG
                    && header.startedAtMillis() >= state.requestedAtMillis() / 1000 * 1000;
        }
        return file.lastModifiedMillis() >= state.requestedAtMillis();
    }

    private static boolean names(BackupFile file, String named) {
        return names(file.key(), named);
    }

    private static boolean names(String key, String named) {
        return key.equals(named) || ObjectKeys.fileName(key).equals(ObjectKeys.fileName(named));
    }

    /**
     * Waits for the condition. While a cutover waits for its final backup, the wait is cut short
     * when the alarm falls due, the alarm is raised and shown, and the wait goes on: one timer per
     * cutover.
     */
    void await(Supplier<Boolean> condition, Runnable showAlarm) {
        while (!awaitUntilAlarm(condition)) {
            notes.raise(
                    Alarm.FINAL_BACKUP,
                    (state.finalBackup() == null
                                    ? "no log backup has arrived"
                                    : "final backup " + state.finalBackup() + " has not appeared")
                            + " within " + spec.timing().finalBackupAlarmSeconds() + " s of the cutover request:"
                            + " take the tail-log backup and upload it under the source prefix");
            showAlarm.run();
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

    /** When the final-backup alarm is due, or -1 when it is not armed. */
    private long finalBackupAlarmAt() {
        if (state == null || state.finalChosen() != null || notes.raised(Alarm.FINAL_BACKUP)) {
            return -1;
        }
        return state.requestedAtMillis() + spec.timing().finalBackupAlarmSeconds() * 1000;
    }
}
