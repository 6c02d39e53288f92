package io.cutover.campaign;

import io.temporal.workflow.Workflow;

/**
 * The campaign workflow's change ids, for {@link Workflow#getVersion}: a campaign recorded before
 * a change replays with the behaviour it ran with. Each id is asked at the one place where its
 * behaviour forks, always in the same order, so that no workflow task's commands move.
 */
final class CampaignVersions {

    /**
     * Entries go to the ledger and the state keeps the recent ones (before: the state carried every
     * entry).
     */
    static final String LEDGER = "ledger";

    /**
     * The full backup is staged by a heartbeating activity (before: a local activity).
     */
    static final String FULL_STAGING_ACTIVITY = "full-staging-activity";

    /**
     * The local activity that submits a job also reads it once, and a job that has already ended is
     * not waited on by a polling activity (before: every job was).
     */
    static final String SUBMIT_READS_JOB = "submit-reads-job";

    /**
     * The operator's retry of a failed log backup first applies the log backups found between the
     * last one passed and it (before: the same file was submitted again).
     */
    static final String MISSING_LINKS = "missing-links";

    /**
     * The campaign's first run draws a run identity that every job name and tag carries, so that a
     * campaign started again with the same id makes its own jobs instead of adopting the earlier
     * run's (before: names were a hash of the campaign id and file alone).
     */
    static final String JOB_IDENTITY = "job-identity";

    /**
     * A job's status is read after 1, 2, 4, ... seconds, then every poll interval, and once a
     * cutover is requested the bucket is listed every finalWatchSeconds for the final backup
     * (before: both every poll interval).
     */
    static final String QUICK_WAITS = "quick-waits";

    /**
     * The chain is planned by the backups' headers when the full backup's can be read: any names,
     * gaps seen before DRS (before: by the names' order alone).
     */
    static final String LSN_CHAIN = "lsn-chain";

    /**
     * Changes whose first use may follow a cancelled activity in the same workflow task are asked at
     * the start of each run instead (before: at first use). An activity cancelled before it started
     * is resolved at once, so the workflow goes on in the same task, and the server writes the
     * activity's ACTIVITY_TASK_CANCELED event between that task's commands; a version marker
     * recorded right after it (the first final watch after a cutover request, when no job had been
     * waited on: quick-waits) then fails replay with "Version is already set to -1".
     */
    static final String VERSIONS_AT_START = "versions-at-start";

    /**
     * Staged copies are named like the source, database, kind and time (before: the database, kind
     * and order key, escaped).
     */
    static final String READABLE_STAGED_NAMES = "readable-staged-names";

    /**
     * A wave's member watches for its final, for the first minutes after the request, with a local
     * activity inside its open workflow task, so that the final it finds is staged and reported in
     * that task instead of one the server must first hand to a worker (before: always an activity).
     */
    static final String LOCAL_FINAL_WATCH = "local-final-watch";

    /**
     * Whether this run watches for a wave member's final locally: {@link #LOCAL_FINAL_WATCH} is asked
     * at the start of a run only under {@link #VERSIONS_AT_START}, and is never first asked later.
     */
    static boolean localFinalWatch() {
        return adopted(VERSIONS_AT_START) && adopted(QUICK_WAITS) && adopted(LOCAL_FINAL_WATCH);
    }

    /** Asks, at the start of a run, the changes that must not be first asked after a cancellation. */
    static void askAtStart() {
        if (adopted(VERSIONS_AT_START)) {
            adopted(QUICK_WAITS);
            adopted(READABLE_STAGED_NAMES);
            adopted(LOCAL_FINAL_WATCH);
        }
    }

    /** A member campaign reports its changes to its wave (before: campaigns had no parent). */
    static final String WAVE_REPORTS = "wave-reports";

    /**
     * A member reports its end to its wave too, with its online time, so that a wave that continued
     * as new (and so no longer has its children's results) learns it (before: only as the result).
     */
    static final String WAVE_ENDS = "wave-ends";

    /**
     * A member whose target bounds the jobs running at once asks its wave for a turn before each
     * create (before: no limit).
     */
    static final String JOB_TURNS = "job-turns";

    /**
     * A member holding its final tells its wave the final's DRS job request, so that the wave can
     * create every member's final at once at the commit (before: each member created its own when
     * the commit signal reached it).
     */
    static final String PREPARED_FINAL_JOB = "prepared-final-job";

    private CampaignVersions() {}

    /**
     * Whether this campaign runs with the change: recorded the first time it is asked, replayed
     * from the history after that.
     */
    static boolean adopted(String changeId) {
        return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
}
