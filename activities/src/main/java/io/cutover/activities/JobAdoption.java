package io.cutover.activities;

import io.cutover.activity.JobRequest;
import io.cutover.drs.model.BackupFileReport;
import io.cutover.drs.model.JobDetail;
import io.cutover.drs.model.ResourceTag;
import java.util.List;
import java.util.Optional;

/**
 * Whether a DRS job found by its name is the job this request would create: made by this
 * campaign run, for this target instance and this file. DRS has no idempotency key, so a
 * submission whose create answer was lost finds its job by name; a job of the same name made by
 * an earlier run of the same campaign id, for another target or another file, must never be
 * taken for it, or the campaign would report a restore that never happened on its target.
 *
 * <p>Only what the job's own record states can refuse it: a field show leaves out (the seed does
 * not say that show returns tags) cannot tell, and the name, which already carries a hash of
 * the run identity, decides.
 */
final class JobAdoption {

    private JobAdoption() {}

    /** Why the job is not this request's, or empty when it is. */
    static Optional<String> mismatch(JobRequest request, JobDetail job) {
        String target = job.targetDbInfo() == null ? null : job.targetDbInfo().targetInstanceId();
        if (target != null && !target.isEmpty() && !target.equalsIgnoreCase(request.targetInstanceId())) {
            return Optional.of("is for target instance " + target + ", not " + request.targetInstanceId());
        }
        Optional<String> file = otherFile(request, job);
        if (file.isPresent()) {
            return file;
        }
        return otherRun(request, job);
    }

    /** One line for the status and the report about a job that was not adopted. */
    static String describe(JobRequest request, JobDetail job, String mismatch) {
        String target =
                job.targetDbInfo() == null ? "unknown" : job.targetDbInfo().targetInstanceId();
        return "a DRS job named " + request.name() + " (id " + job.id() + ", created " + job.createTime() + ", target "
                + target + ") " + mismatch + ": not adopted; delete it in DRS if it is not wanted";
    }

    private static Optional<String> otherFile(JobRequest request, JobDetail job) {
        if (request.fileSource() == JobRequest.FileSource.RDS) {
            String fileId =
                    job.targetDbInfo() == null ? null : job.targetDbInfo().fileId();
            return fileId != null && !fileId.isEmpty() && !fileId.equals(request.rdsFileId())
                    ? Optional.of("restores the RDS backup " + fileId + ", not " + request.rdsFileId())
                    : Optional.empty();
        }
        BackupFileReport backup = job.backupInfo();
        if (backup == null || backup.fileInfo().isEmpty()) {
            return Optional.empty();
        }
        List<String> names = backup.fileInfo().stream()
                .map(BackupFileReport.FileInfo::fileName)
                .toList();
        return names.contains(request.fileName())
                ? Optional.empty()
                : Optional.of("restores " + String.join(", ", names) + ", not " + request.fileName());
    }

    private static Optional<String> otherRun(JobRequest request, JobDetail job) {
        String ours = request.runIdentity();
        List<ResourceTag> tags = job.baseInfo() == null ? null : job.baseInfo().tags();
        if (ours == null || tags == null || tags.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> theirs = tags.stream()
                .filter(tag -> tag != null && JobRequest.RUN_TAG.equals(tag.key()))
                .map(ResourceTag::value)
                .findFirst();
        if (theirs.isEmpty()) {
            return Optional.of("belongs to another campaign run (it has no " + JobRequest.RUN_TAG + " tag)");
        }
        return theirs.get().equals(ours)
                ? Optional.empty()
                : Optional.of("belongs to another campaign run (" + JobRequest.RUN_TAG + " " + theirs.get()
                        + ", this run is " + ours + ")");
    }
}
