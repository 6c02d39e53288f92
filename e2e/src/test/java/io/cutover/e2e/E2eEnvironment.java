package io.cutover.e2e;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a campaign runs on, on 127.0.0.1: the Temporal dev server, the DRS simulator and the
 * worker each its own process, and an S3-protocol server in this JVM. The bucket is one folder:
 * the worker reaches it over S3, the simulator reads its files as DRS reads OBS. Closing stops
 * everything that was started, in reverse order, even after a failed start.
 */
public final class E2eEnvironment implements AutoCloseable {

    /** Long enough that a job is often seen in flight, short enough for a quick suite. */
    public static final Duration RESTORE_TIME = Duration.ofMillis(300);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    public final Path dir;
    public final TemporalDevServer temporal;
    public final S3Server s3;
    public final SimulatorProcess simulator;
    public final WorkerProcess worker;
    public final WorkflowClient client;

    public E2eEnvironment(String name) {
        this(name, RESTORE_TIME);
    }

    /** An environment whose simulator keeps each job TRANSFERRING for {@code restoreTime}. */
    public E2eEnvironment(String name, Duration restoreTime) {
        this(name, restoreTime, WorkerProcess.DEFAULT_DRS_TIMEOUT);
    }

    /**
     * An environment whose simulator keeps each job TRANSFERRING for {@code restoreTime} and whose
     * worker's DRS client gives up on a call after {@code drsTimeout}.
     */
    public E2eEnvironment(String name, Duration restoreTime, Duration drsTimeout) {
        this(name, restoreTime, drsTimeout, Duration.ZERO);
    }

    /**
     * Like {@link #E2eEnvironment(String, Duration, Duration)}, with a simulator that leaves each
     * new job out of its list answers for {@code listLag}, as a DRS whose listings lag behind its
     * creates would; the worker then waits that long and 5 s more for a create in doubt to show.
     */
    public E2eEnvironment(String name, Duration restoreTime, Duration drsTimeout, Duration listLag) {
        dir = Tools.installed().freshArtifactDir(name);
        Path bucketRoot = directory(dir.resolve("bucket-root"));
        try {
            temporal = open(TemporalDevServer.start(dir));
            s3 = open(S3Server.start(bucketRoot, BackupFeed.BUCKET));
            simulator = open(SimulatorProcess.start(bucketRoot, restoreTime, listLag, dir));
            Duration createVisibility =
                    listLag.isZero() ? WorkerProcess.DEFAULT_CREATE_VISIBILITY : listLag.plusSeconds(5);
            worker = open(WorkerProcess.start(
                    temporal.address(), simulator.endpoint(), s3.endpoint(), dir, drsTimeout, createVisibility));
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.address())
                    .build());
            opened.push(service::shutdownNow);
            client = WorkflowClient.newInstance(
                    service,
                    WorkflowClientOptions.newBuilder()
                            .setNamespace(TemporalDevServer.NAMESPACE)
                            .build());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Puts the feed's files into the bucket until it is closed; closed with the environment. */
    public BackupFeed feed(String database, Duration interval, int maxLogs) {
        return open(BackupFeed.start(s3, database, interval, maxLogs));
    }

    /**
     * A feed that has already written the full and {@code backlog} log backups when it returns,
     * then writes one more every {@code interval}, {@code maxLogs} in all.
     */
    public BackupFeed feed(String database, int backlog, Duration interval, int maxLogs) {
        return open(BackupFeed.start(s3, database, backlog, interval, maxLogs));
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // Keep closing the rest: a leftover process is worse than a lost exception.
                e.printStackTrace();
            }
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
