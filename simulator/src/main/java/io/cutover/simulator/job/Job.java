package io.cutover.simulator.job;

import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.restore.FileInfo;
import io.cutover.simulator.restore.JobStatus;
import io.cutover.simulator.restore.RestoreResult;
import io.cutover.simulator.validation.BackupFileRef;
import io.cutover.simulator.validation.CreateJobRequest;
import java.time.Instant;
import java.util.List;

/**
 * One backup migration job: what was asked (immutable) and how it stands (guarded by the job's
 * monitor, since the server's threads read it while the restore finishes it).
 */
public final class Job {

    private final String id;
    private final String projectId;
    private final long sequence;
    private final CreateJobRequest request;
    private final Instant createTime;
    private final List<FileInfo> files;

    private String name;
    private String description;
    private JobStatus status = JobStatus.TRANSFERRING;
    private String errorLog = "";
    private Instant finishTime;
    private List<String> databases = List.of();
    private List<String> newDatabaseNames = List.of();

    Job(
            String id,
            String projectId,
            long sequence,
            CreateJobRequest request,
            Instant createTime,
            List<FileInfo> files) {
        this.id = id;
        this.projectId = projectId;
        this.sequence = sequence;
        this.request = request;
        this.createTime = createTime;
        this.files = List.copyOf(files);
        this.name = request.name();
        this.description = request.description();
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    /** The order of creation, to break ties between jobs created in the same millisecond. */
    public long sequence() {
        return sequence;
    }

    public CreateJobRequest request() {
        return request;
    }

    public Instant createTime() {
        return createTime;
    }

    public List<FileInfo> files() {
        return files;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized String description() {
        return description;
    }

    public synchronized JobStatus status() {
        return status;
    }

    public synchronized String errorLog() {
        return errorLog;
    }

    public synchronized Instant finishTime() {
        return finishTime;
    }

    public synchronized List<String> newDatabaseNames() {
        return newDatabaseNames;
    }

    synchronized void rename(String newName) {
        this.name = newName;
    }

    synchronized void describe(String newDescription) {
        this.description = newDescription;
    }

    synchronized void finish(RestoreResult result, Instant at) {
        status = result.status();
        errorLog = result.errorLog();
        databases = result.databases();
        newDatabaseNames = result.newDatabaseNames();
        finishTime = at;
    }

    /** A consistent snapshot for tests. */
    public synchronized SimulatedJob snapshot() {
        return new SimulatedJob(
                id,
                projectId,
                name,
                description,
                status.wireName(),
                errorLog,
                request.targetInstanceId(),
                request.fileSource().name(),
                request.bucketName(),
                request.files().stream().map(BackupFileRef::name).toList(),
                request.recoveryMode().wireName(),
                request.lastBackup(),
                request.precheck(),
                databases,
                createTime,
                finishTime);
    }
}
