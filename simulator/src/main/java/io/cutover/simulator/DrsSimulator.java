package io.cutover.simulator;

import com.sun.net.httpserver.HttpServer;
import io.cutover.simulator.bucket.BackupBucket;
import io.cutover.simulator.bucket.LocalFolderBucket;
import io.cutover.simulator.bucket.S3Bucket;
import io.cutover.simulator.http.AdminApi;
import io.cutover.simulator.http.FrontDoor;
import io.cutover.simulator.http.RequestRecorder;
import io.cutover.simulator.job.JobStore;
import io.cutover.simulator.restore.DatabaseState;
import io.cutover.simulator.restore.RestoreEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running DRS v5 backup migration simulator: the five backup migration calls under {@code
 * /v5/{project_id}/backup-migration-jobs}, a minimal IAM token endpoint ({@code POST
 * /v3/auth/tokens}) and an admin endpoint ({@code /_admin/...}, see {@link AdminApi}), served by
 * the JDK's HTTP server. Start one per test with {@link #start}; close it when done.
 */
public final class DrsSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DrsSimulator.class);

    static {
        // The JDK's server writes a response's headers and body in two packets; with Nagle's
        // algorithm on, the body waits for the client's delayed ACK (about 40 ms per call). The
        // server reads this property once, when it is first used in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults;
    private final RequestRecorder recorder;
    private final RestoreEngine engine;
    private final JobStore jobs;
    private final int port;

    private DrsSimulator(SimulatorOptions options) throws IOException {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.faults = new Faults(options.faults(), options.seed());
        this.recorder = new RequestRecorder();
        this.engine = new RestoreEngine(bucket(options));
        this.jobs = new JobStore(
                engine,
                options.restoreTime(),
                options.listLag(),
                options.maxRunningJobsPerInstance(),
                clock,
                options.seed());
        this.server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 64);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "drs-simulator-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", FrontDoor.create(options, jobs, faults, recorder, clock));
        server.createContext("/_admin/", new AdminApi(faults, recorder, jobs::snapshot, this::reset));
        server.start();
        this.port = server.getAddress().getPort();
        log.info("DRS simulator listening on {}", baseUri());
    }

    /**
     * Starts a simulator.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static DrsSimulator start(SimulatorOptions options) {
        try {
            return new DrsSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.bind() + ":" + options.port(), e);
        }
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return port;
    }

    /** {@code http://<bind address>:<port>}; 127.0.0.1 when bound to every address. */
    public URI baseUri() {
        String host = server.getAddress().getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + port());
    }

    /** A snapshot of every DRS and IAM request received, in arrival order. */
    public List<RecordedRequest> requests() {
        return recorder.snapshot();
    }

    /** The live fault settings. */
    public Faults faults() {
        return faults;
    }

    /** A snapshot of every job, in creation order. */
    public List<SimulatedJob> jobs() {
        return jobs.snapshot();
    }

    /** Where a database on a target instance stands (name case-insensitive), if it exists. */
    public Optional<DatabaseState> database(String targetInstanceId, String databaseName) {
        return engine.database(targetInstanceId, databaseName);
    }

    /**
     * Back to the state at start: no jobs, no databases, no recorded requests, the start-up faults,
     * and the random sources reseeded.
     */
    public void reset() {
        jobs.reset();
        engine.reset();
        recorder.clear();
        faults.reseed(options.faults());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        jobs.close();
        log.info("DRS simulator on port {} stopped", port());
    }

    private static BackupBucket bucket(SimulatorOptions options) {
        List<BackupBucket> buckets = new ArrayList<>();
        if (options.bucketRoot() != null) {
            buckets.add(new LocalFolderBucket(options.bucketRoot()));
        }
        if (options.s3Endpoint() != null) {
            buckets.add(new S3Bucket(options.s3Endpoint()));
        }
        if (buckets.isEmpty()) {
            return BackupBucket.assumeEveryFileExists();
        }
        return BackupBucket.firstFound(buckets);
    }
}
