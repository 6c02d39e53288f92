package io.cutover.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cutover.simulator.DrsCall;
import io.cutover.simulator.FaultSettings;
import io.cutover.simulator.Faults;
import io.cutover.simulator.SimulatorOptions;
import io.cutover.simulator.job.JobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every DRS and IAM call passes here, in this order: it is recorded; the configured latency is
 * added; DRS calls are authenticated; injected throttling or errors answer before anything is done;
 * the call is handled; a create's answer may be dropped after its job was created (the connection
 * is closed with no answer, the ambiguous failure a client must survive); any call's answer may be
 * held back past the client's read timeout after the call took effect (a timeout).
 */
public final class FrontDoor implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    private static final Pattern JOBS_PATH = Pattern.compile("/v5/([^/]+)/backup-migration-jobs/?");
    private static final Pattern JOB_PATH = Pattern.compile("/v5/([^/]+)/backup-migration-jobs/([^/]+)/?");
    private static final String TOKEN_PATH = "/v3/auth/tokens";
    private static final String INVALID_TOKEN = "DRS.M00100";
    private static final String TOO_FREQUENT = "DRS.M01503";

    private final DrsApi drs;
    private final IamTokens iam;
    private final Faults faults;
    private final RequestRecorder recorder;
    private final String requiredToken;

    private FrontDoor(DrsApi drs, IamTokens iam, Faults faults, RequestRecorder recorder, String requiredToken) {
        this.drs = drs;
        this.iam = iam;
        this.faults = faults;
        this.recorder = recorder;
        this.requiredToken = requiredToken;
    }

    /** The front door of a simulator started with {@code options}. */
    public static FrontDoor create(
            SimulatorOptions options, JobStore jobs, Faults faults, RequestRecorder recorder, Clock clock) {
        return new FrontDoor(
                new DrsApi(jobs, options.numericRecoveryModeInShow()),
                new IamTokens(options.token(), options.tokenLifetime(), clock),
                faults,
                recorder,
                options.token());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            IncomingRequest request = read(exchange);
            Route route = route(request);
            long number = recorder.arrived(request, route.call() == DrsCall.TOKEN);
            Answer answer;
            try {
                answer = answer(request, route);
            } catch (RuntimeException e) {
                // A bug in the simulator must look like one, not like a dropped answer.
                log.error("simulator failed on {} {}", request.method(), request.path(), e);
                answer = Answer.error(500, "SIM.INTERNAL", "simulator error: " + e);
            }
            if (answer.createdJobId() != null && faults.dropThisCreate()) {
                log.info("dropping the answer to the create of job {} on purpose", answer.createdJobId());
                recorder.answered(number, 0, answer.createdJobId());
                return; // closing the exchange without a response closes the connection
            }
            // Recorded before it is sent, so that a client that has its answer sees it recorded.
            recorder.answered(number, answer.status(), answer.createdJobId());
            if (route.call() != null && faults.timeOutThisCall(route.call())) {
                holdBack(exchange, answer, request);
                return;
            }
            send(exchange, answer);
        }
    }

    private Answer answer(IncomingRequest request, Route route) {
        if (route.call() == null) {
            return Answer.error(
                    404, "APIGW.0101", "The API does not exist or has not been published in the environment");
        }
        FaultSettings settings = faults.settings();
        sleep(settings.latency());
        if (route.call() != DrsCall.TOKEN) {
            Answer refused = authenticate(request);
            if (refused != null) {
                return refused;
            }
        }
        switch (faults.decide(route.call())) {
            case THROTTLE:
                long seconds = Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
                return Answer.error(429, TOO_FREQUENT, "Operation too frequent. Try again later.")
                        .withHeader("Retry-After", String.valueOf(seconds));
            case ERROR:
                return Answer.error(settings.errorStatus(), "DRS.10000001", "Injected fault: internal server error.");
            default:
                break;
        }
        return switch (route.call()) {
            case TOKEN -> iam.issue(request);
            case CREATE -> drs.create(route.projectId(), request);
            case LIST -> drs.list(route.projectId(), request);
            case SHOW -> drs.show(route.projectId(), route.jobId());
            case UPDATE -> drs.update(route.projectId(), route.jobId(), request);
            case DELETE -> drs.delete(route.projectId(), route.jobId());
        };
    }

    /**
     * Any non-empty X-Auth-Token passes unless one token was configured. A request signed with AK/SK
     * (Authorization: SDK-HMAC-SHA256 ... with X-Sdk-Date) passes on its form alone when no token was
     * configured: the simulator does not know the keys, so it cannot check signatures.
     */
    private Answer authenticate(IncomingRequest request) {
        String token = request.header("x-auth-token");
        if (token == null || token.isEmpty()) {
            String authorization = request.header("authorization");
            boolean signed = authorization != null
                    && authorization.startsWith("SDK-HMAC-SHA256 ")
                    && request.header("x-sdk-date") != null;
            if (signed && requiredToken == null) {
                return null;
            }
            return Answer.error(401, INVALID_TOKEN, "The X-Auth-Token header is missing.");
        }
        if (requiredToken != null && !requiredToken.equals(token)) {
            return Answer.error(401, INVALID_TOKEN, "The token is invalid or has expired.");
        }
        return null;
    }

    private static Route route(IncomingRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.equals(TOKEN_PATH) && method.equals("POST")) {
            return new Route(DrsCall.TOKEN, null, null);
        }
        Matcher jobs = JOBS_PATH.matcher(path);
        if (jobs.matches()) {
            return switch (method) {
                case "POST" -> new Route(DrsCall.CREATE, jobs.group(1), null);
                case "GET" -> new Route(DrsCall.LIST, jobs.group(1), null);
                default -> Route.NONE;
            };
        }
        Matcher job = JOB_PATH.matcher(path);
        if (job.matches()) {
            return switch (method) {
                case "GET" -> new Route(DrsCall.SHOW, job.group(1), job.group(2));
                case "PUT" -> new Route(DrsCall.UPDATE, job.group(1), job.group(2));
                case "DELETE" -> new Route(DrsCall.DELETE, job.group(1), job.group(2));
                default -> Route.NONE;
            };
        }
        return Route.NONE;
    }

    static IncomingRequest read(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        String query = exchange.getRequestURI().getRawQuery();
        return new IncomingRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                query == null ? "" : query,
                headers,
                body);
    }

    static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body() == null ? new byte[0] : Answer.JSON.writeValueAsBytes(answer.body());
        if (answer.body() != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * A timed-out call: the call has taken effect, its answer is sent only after the configured
     * timeout, by when a client with a shorter read timeout has given up and closed the connection.
     */
    private void holdBack(HttpExchange exchange, Answer answer, IncomingRequest request) {
        Duration timeout = faults.settings().timeout();
        log.info(
                "holding back the answer to {} {} for {} ms on purpose",
                request.method(),
                request.path(),
                timeout.toMillis());
        sleep(timeout);
        try {
            send(exchange, answer);
        } catch (IOException clientGone) {
            log.info("the client of {} {} had given up: {}", request.method(), request.path(), clientGone.toString());
        }
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which call a request is; call null when it is none of them. */
    private record Route(DrsCall call, String projectId, String jobId) {
        static final Route NONE = new Route(null, null, null);
    }
}
