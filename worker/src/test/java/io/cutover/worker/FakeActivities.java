package io.cutover.worker;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.HeaderReading;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.LedgerSummary;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.activity.SubmittedJob;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activities that answer at once and log one line each, for the worker's own tests. */
final class FakeActivities {
    private FakeActivities() {}

    static final Logger log = LoggerFactory.getLogger(FakeActivities.class);

    static final class Drs implements DrsActivities {
        @Override
        public String submitJob(JobRequest request) {
            log.info("submitting job");
            return "job-1";
        }

        @Override
        public SubmittedJob submitJobAndRead(JobRequest request) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public List<String> submitJobs(List<JobRequest> requests) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public JobOutcome awaitJob(String jobId) {
            log.info("awaiting job {}", jobId);
            return new JobOutcome(jobId, JobOutcome.State.SUCCESS, null, "t0", "t1");
        }
    }

    static final class Backups implements BackupActivities {
        @Override
        public DiscoveryResult scan(DiscoveryRequest request) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public DiscoveryResult awaitNewBackups(DiscoveryRequest request) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public List<BackupFile> findMissingLinks(MissingLinkRequest request) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public BackupFile describe(String bucket, String key) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public HeaderReading readHeader(String bucket, String key) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public StagedBackup stage(StageRequest request) {
            log.info("staging {}", request.file().key());
            return new StagedBackup(
                    request.bucket(),
                    "",
                    request.file().fileName(),
                    request.file().key(),
                    false);
        }

        @Override
        public void appendLedger(String bucket, String key, List<AppliedBackup> entries) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }

        @Override
        public LedgerSummary assembleLedger(String bucket, String ledgerPrefix, int parts, String reportKey) {
            throw new UnsupportedOperationException("not used by the probe workflow");
        }
    }
}
