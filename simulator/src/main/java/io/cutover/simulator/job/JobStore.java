package io.cutover.simulator.job;

import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.restore.FileInfo;
import io.cutover.simulator.restore.JobStatus;
import io.cutover.simulator.restore.RestoreEngine;
import io.cutover.simulator.validation.CreateJobRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the jobs of all projects and runs their lifecycle: a job is TRANSFERRING from creation
 * until the restore time has passed, then the {@link RestoreEngine} decides how it ends. With a
 * zero restore time the job has ended before create answers. Restores run one at a time, in the
 * order their time comes, as one target instance restores one backup at a time.
 */
public final class JobStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobStore.class);

    private final RestoreEngine engine;
    private final Duration restoreTime;
    private final Clock clock;
    private final long seed;
    private final ScheduledExecutorService restorer;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private Random idRandom;
    /** A new job is left out of list answers for this long after its create (see SimulatorOptions). */
    private final Duration listLag;
    /** Jobs TRANSFERRING at once per target instance, or 0 for no limit (see SimulatorOptions). */
    private final int maxRunningPerInstance;

    private long sequence;

    public JobStore(
            RestoreEngine engine,
            Duration restoreTime,
            Duration listLag,
            int maxRunningPerInstance,
            Clock clock,
            long seed) {
        this.engine = engine;
        this.maxRunningPerInstance = maxRunningPerInstance;
        this.restoreTime = restoreTime;
        this.listLag = listLag;
        this.clock = clock;
        this.seed = seed;
        this.idRandom = new Random(seed);
        this.restorer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drs-simulator-restore");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Creates a TRANSFERRING job and starts its restore.
     *
     * @throws TooManyRunningJobsException when the target instance already runs its limit of jobs
     *     (no job is made)
     */
    public Job create(String projectId, CreateJobRequest request) {
        // Looked up before taking the lock: with an S3 bucket this is network I/O.
        List<FileInfo> files = engine.describe(request);
        Job job;
        synchronized (this) {
            String target = request.targetInstanceId();
            long running = jobs.values().stream()
                    .filter(j -> j.status() == JobStatus.TRANSFERRING
                            && j.request().targetInstanceId().equals(target))
                    .count();
            if (maxRunningPerInstance > 0 && running >= maxRunningPerInstance) {
                throw new TooManyRunningJobsException(target, running);
            }
            job = new Job(newId(), projectId, ++sequence, request, clock.instant(), files);
            jobs.put(job.id(), job);
        }
        log.info(
                "job {} created: {} {}",
                job.id(),
                request.name(),
                request.recoveryMode().wireName());
        if (restoreTime.isZero()) {
            finish(job);
        } else {
            restorer.schedule(() -> finish(job), restoreTime.toNanos(), TimeUnit.NANOSECONDS);
        }
        return job;
    }

    public synchronized Optional<Job> find(String projectId, String jobId) {
        Job job = jobs.get(jobId);
        return job != null && job.projectId().equals(projectId) ? Optional.of(job) : Optional.empty();
    }

    /** The project's jobs that match the query, sorted and paged. */
    public JobPage list(String projectId, JobQuery query) {
        List<Job> matching = new ArrayList<>();
        Instant visibleBefore = clock.instant().minus(listLag);
        synchronized (this) {
            for (Job job : jobs.values()) {
                boolean listed = listLag.isZero() || !job.createTime().isAfter(visibleBefore);
                if (listed && job.projectId().equals(projectId) && matches(job, query)) {
                    matching.add(job);
                }
            }
        }
        matching.sort(order(query));
        int from = Math.min(query.offset(), matching.size());
        int to = Math.min(from + query.limit(), matching.size());
        return new JobPage(matching.size(), matching.subList(from, to));
    }

    public void rename(Job job, String name) {
        job.rename(name);
    }

    public void describe(Job job, String description) {
        job.describe(description);
    }

    public synchronized void delete(Job job) {
        jobs.remove(job.id());
    }

    /** Snapshots of every job, in creation order. */
    public synchronized List<SimulatedJob> snapshot() {
        return jobs.values().stream().map(Job::snapshot).toList();
    }

    /** Forgets every job (restores still pending are dropped) and restarts job ids from the seed. */
    public synchronized void reset() {
        jobs.clear();
        sequence = 0;
        idRandom = new Random(seed);
    }

    @Override
    public void close() {
        restorer.shutdownNow();
    }

    private void finish(Job job) {
        synchronized (this) {
            if (jobs.get(job.id()) != job) {
                return; // reset or deleted meanwhile
            }
        }
        job.finish(engine.restore(job.request()), clock.instant());
        log.info(
                "job {} finished: {}{}",
                job.id(),
                job.status().wireName(),
                job.errorLog().isEmpty() ? "" : " (" + job.errorLog() + ")");
    }

    /**
     * An id in DRS's shape: a UUID-like string whose last group ends in "jb01". Drawn from the seeded
     * random source, so a run with the same seed gives the same ids.
     */
    private String newId() {
        String id;
        do {
            id = String.format(
                    Locale.ROOT,
                    "%08x-%04x-%04x-%04x-%08xjb01",
                    idRandom.nextInt(),
                    idRandom.nextInt(0x10000),
                    idRandom.nextInt(0x10000),
                    idRandom.nextInt(0x10000),
                    idRandom.nextInt());
        } while (jobs.containsKey(id));
        return id;
    }

    private static boolean matches(Job job, JobQuery query) {
        return contains(job.name(), query.name())
                && (query.status() == null || job.status() == query.status())
                && (query.instanceIds().isEmpty()
                        || query.instanceIds().contains(job.request().targetInstanceId()))
                && contains(job.description(), query.description())
                && (query.enterpriseProjectId() == null
                        || query.enterpriseProjectId().equals(job.request().enterpriseProjectId()));
    }

    private static boolean contains(String value, String part) {
        if (part == null || part.isEmpty()) {
            return true;
        }
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static Comparator<Job> order(JobQuery query) {
        Comparator<Job> byKey = switch (query.sortKey()) {
            case "name" -> Comparator.comparing(Job::name, String.CASE_INSENSITIVE_ORDER);
            case "description" ->
                Comparator.comparing(
                        job -> job.description() == null ? "" : job.description(), String.CASE_INSENSITIVE_ORDER);
            case "inst_id" -> Comparator.comparing(job -> job.request().targetInstanceId());
            default -> Comparator.comparing(Job::createTime);
        };
        Comparator<Job> order = byKey.thenComparingLong(Job::sequence);
        return query.ascending() ? order : order.reversed();
    }

    /** Whether a job may be deleted: DRS documents deletion for finished jobs only. */
    public static boolean deletable(Job job) {
        return job.status() != JobStatus.TRANSFERRING;
    }
}
