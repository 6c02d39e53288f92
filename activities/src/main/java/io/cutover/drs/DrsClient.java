package io.cutover.drs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cutover.drs.auth.CredentialsRejectedException;
import io.cutover.drs.model.CreateJobRequest;
import io.cutover.drs.model.CreateJobResponse;
import io.cutover.drs.model.DrsJson;
import io.cutover.drs.model.ErrorBody;
import io.cutover.drs.model.JobDetail;
import io.cutover.drs.model.JobList;
import io.cutover.drs.model.ListJobsQuery;
import io.cutover.drs.model.UpdateJobRequest;
import io.cutover.drs.validation.CreateRequestPrecheck;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DRS v5 backup migration API ({@code /v5/{project_id}/backup-migration-jobs}): create,
 * list, show, update and delete.
 *
 * <p>Requests are validated before anything is sent. Failures are classified (see
 * {@link DrsException}); retryable ones are retried here a bounded number of times, honouring
 * Retry-After. A create is retried here only when DRS cannot have acted on it (throttled, or
 * no connection made): after a lost answer only a look-up by name can tell whether the job
 * exists, which is the caller's business. Thread-safe; share one instance.
 */
public final class DrsClient implements AutoCloseable {

    static final String INVALID_TOKEN = "DRS.M00100";
    static final String TOO_FREQUENT = "DRS.M01503";
    static final Set<String> JOB_NOT_FOUND = Set.of("DRS.10000010", "DRS.M05003");
    private static final String LANGUAGE_HEADER = "X-Language";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Logger log = LoggerFactory.getLogger(DrsClient.class);

    private final DrsClientConfig config;
    private final Sleeper sleeper;
    private final OkHttpClient http;
    private final HttpUrl jobsUrl;

    public DrsClient(DrsClientConfig config) {
        this(config, Sleeper.THREAD);
    }

    DrsClient(DrsClientConfig config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // okhttp would otherwise resend a POST silently after some connection failures;
                // this client decides itself which requests may be repeated.
                .retryOnConnectionFailure(false)
                .build();
        this.jobsUrl = config.endpoint()
                .newBuilder()
                .addPathSegment("v5")
                .addPathSegment(config.projectId())
                .addPathSegment("backup-migration-jobs")
                .build();
    }

    /** Validates {@code request}, then creates the job; returns DRS's answer with the job id. */
    public CreateJobResponse createJob(CreateJobRequest request) {
        CreateRequestPrecheck.requireValid(request);
        CreateJobResponse created =
                read(execute(new Exchange("POST", jobsUrl, toJson(request), false, null)), CreateJobResponse.class);
        if (created.jobId() == null || created.jobId().isBlank()) {
            // Something answered 2xx without an id: the job may exist, so treat it as a lost answer.
            throw new DrsUnavailableException(
                    "DRS POST " + jobsUrl.encodedPath() + ": answer without job_id", 200, null, null, null, true, null);
        }
        return created;
    }

    /** One page of jobs matching {@code query}. */
    public JobList listJobs(ListJobsQuery query) {
        return read(execute(new Exchange("GET", listUrl(query), null, true, null)), JobList.class);
    }

    /** The job {@code jobId}; throws {@link DrsJobNotFoundException} when it does not exist. */
    public JobDetail showJob(String jobId) {
        return read(execute(new Exchange("GET", jobUrl(jobId), null, true, jobId)), JobDetail.class);
    }

    /** Changes a job's name and/or description. */
    public void updateJob(String jobId, UpdateJobRequest update) {
        CreateRequestPrecheck.requireValid(update);
        execute(new Exchange("PUT", jobUrl(jobId), toJson(update), true, jobId));
    }

    /** Deletes a job (DRS documents this for finished jobs). */
    public void deleteJob(String jobId) {
        execute(new Exchange("DELETE", jobUrl(jobId), null, true, jobId));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "DrsClient[" + config + "]";
    }

    /**
     * One call as sent.
     *
     * @param replayable whether an attempt that may have reached DRS can be repeated safely
     * @param jobId the job the call is about, or null
     */
    private record Exchange(String method, HttpUrl url, byte[] body, boolean replayable, String jobId) {

        String describe() {
            return "DRS " + method + " " + url.encodedPath();
        }
    }

    private String execute(Exchange exchange) {
        RetryPolicy policy = config.retryPolicy();
        boolean tokenRefreshed = false;
        int attempt = 1;
        while (true) {
            try {
                return attempt(exchange);
            } catch (DrsAuthenticationException e) {
                // Only DRS's "invalid token" answer (it has an HTTP status) is worth one fresh token.
                if (e.httpStatus() == 0 || tokenRefreshed || !config.auth().invalidate()) {
                    throw e;
                }
                tokenRefreshed = true;
                log.info("{}: token refused, fetching a fresh one", exchange.describe());
            } catch (DrsUnavailableException e) {
                boolean repeatable = exchange.replayable() || !e.maybeApplied();
                Duration wait = e.retryAfter().orElse(policy.backoff(attempt));
                if (!repeatable || attempt >= policy.maxAttempts() || wait.compareTo(policy.maxRetryAfter()) > 0) {
                    throw e;
                }
                log.warn(
                        "{}; attempt {} of {} in {} ms",
                        e.getMessage(),
                        attempt + 1,
                        policy.maxAttempts(),
                        wait.toMillis());
                pause(wait, e);
                attempt++;
            }
        }
    }

    private String attempt(Exchange exchange) {
        Request request = authorize(exchange);
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            log.info("{} -> {} in {} ms", exchange.describe(), response.code(), millisSince(started));
            if (response.isSuccessful()) {
                return body;
            }
            throw classify(exchange, response, parseError(body));
        } catch (IOException e) {
            log.warn("{} failed after {} ms: {}", exchange.describe(), millisSince(started), e.toString());
            throw new DrsUnavailableException(
                    exchange.describe() + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")",
                    0,
                    null,
                    null,
                    null,
                    mayHaveBeenSent(e),
                    e);
        }
    }

    private Request authorize(Exchange exchange) {
        Request.Builder builder = new Request.Builder()
                .url(exchange.url())
                .header(LANGUAGE_HEADER, config.language().header());
        if (exchange.body() != null) {
            builder.header("Content-Type", JSON_TYPE.toString());
            builder.method(exchange.method(), RequestBody.create(exchange.body(), JSON_TYPE));
        } else {
            builder.method(exchange.method(), null);
        }
        try {
            return config.auth().authorize(builder.build());
        } catch (CredentialsRejectedException e) {
            throw new DrsAuthenticationException(exchange.describe() + ": " + e.getMessage(), 0, null, null, e);
        } catch (IOException e) {
            // Nothing reached DRS yet, so even a create may be repeated.
            throw new DrsUnavailableException(
                    exchange.describe() + ": no credentials (" + e.getMessage() + ")", 0, null, null, null, false, e);
        }
    }

    private DrsException classify(Exchange exchange, Response response, ErrorBody error) {
        int status = response.code();
        String code = error == null ? null : error.errorCode();
        String msg = error == null ? null : error.errorMsg();
        String message = exchange.describe() + ": HTTP " + status
                + (error == null ? " (no DRS error body)" : " " + code + " " + msg);
        if (status == 401 || INVALID_TOKEN.equals(code)) {
            return new DrsAuthenticationException(message, status, code, msg, null);
        }
        if (exchange.jobId() != null && (status == 404 || JOB_NOT_FOUND.contains(code))) {
            return new DrsJobNotFoundException(message, exchange.jobId(), status, code, msg);
        }
        if (status == 429 || TOO_FREQUENT.equals(code) || status == 408) {
            // DRS turned the request away before acting on it.
            return new DrsUnavailableException(message, status, code, msg, retryAfter(response), false, null);
        }
        if (status >= 500) {
            return new DrsUnavailableException(message, status, code, msg, retryAfter(response), true, null);
        }
        return new DrsRejectedException(message, status, code, msg);
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        config.clock().instant(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                log.warn("Ignoring unreadable Retry-After: {}", value);
                return null;
            }
        }
    }

    /** False only when the connection was never made, so DRS cannot have seen the request. */
    private static boolean mayHaveBeenSent(IOException e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return false;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return !(e instanceof InterruptedIOException && message.contains("connect timed out"));
    }

    private static ErrorBody parseError(String body) {
        try {
            ErrorBody error = DrsJson.mapper().readValue(body, ErrorBody.class);
            return error.errorCode() == null && error.errorMsg() == null ? null : error;
        } catch (JsonProcessingException | IllegalArgumentException notDrsJson) {
            return null;
        }
    }

    private HttpUrl listUrl(ListJobsQuery query) {
        HttpUrl.Builder url = jobsUrl.newBuilder();
        addQuery(url, "name", query.name());
        addQuery(url, "status", query.status());
        query.dbsInstanceIds().forEach(id -> url.addQueryParameter("dbs_instance_ids", id));
        addQuery(url, "description", query.description());
        addQuery(url, "create_at", query.createAt());
        addQuery(url, "completed_at", query.completedAt());
        addQuery(url, "enterprise_project_id", query.enterpriseProjectId());
        addQuery(url, "tags", query.tags());
        addQuery(url, "limit", query.limit());
        addQuery(url, "offset", query.offset());
        addQuery(url, "sort_key", query.sortKey());
        addQuery(url, "sort_dir", query.sortDir());
        return url.build();
    }

    private static void addQuery(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }

    private HttpUrl jobUrl(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job_id: required");
        }
        return jobsUrl.newBuilder().addPathSegment(jobId).build();
    }

    private static byte[] toJson(Object body) {
        try {
            return DrsJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request as JSON", e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return DrsJson.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            // A garbled 2xx answer (a proxy's page, say) is a server-side problem worth retrying.
            throw new DrsUnavailableException(
                    "DRS answered 2xx with unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    200,
                    null,
                    null,
                    null,
                    true,
                    e);
        }
    }

    private void pause(Duration wait, DrsUnavailableException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
