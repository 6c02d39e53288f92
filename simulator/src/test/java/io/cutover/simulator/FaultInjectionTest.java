package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.json;
import static io.cutover.simulator.SimulatorHttp.seedExampleTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each injected fault, over HTTP; random faults are reproducible from the seed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest extends SimulatorHttpTest {

    private static final int CALLS = 60;

    @Test
    void errorRateAnswers5xxAtRoughlyThatRateAndTheSameWayForTheSameSeed() {
        List<Integer> first = listStatuses(FaultSettings.NONE.withErrorRate(DrsCall.LIST, 0.3), 42);
        List<Integer> again = listStatuses(FaultSettings.NONE.withErrorRate(DrsCall.LIST, 0.3), 42);
        List<Integer> otherSeed = listStatuses(FaultSettings.NONE.withErrorRate(DrsCall.LIST, 0.3), 7);

        long errors = first.stream().filter(status -> status == 500).count();
        assertTrue(errors >= 6 && errors <= 36, "about 30% of " + CALLS + " calls fail: " + errors);
        assertTrue(first.stream().allMatch(status -> status == 200 || status == 500), first.toString());
        assertEquals(first, again, "same seed, same faults");
        assertNotEquals(first, otherSeed, "another seed, other faults");
    }

    @Test
    void errorRateOnOneCallLeavesTheOthersAlone() {
        restart(SimulatorOptions.builder().faults(FaultSettings.NONE.withErrorRate(DrsCall.CREATE, 1.0)));

        HttpResponse<String> create = http.create(seedExampleTree("obs-full-once"));
        HttpResponse<String> list = http.list("");

        assertEquals(500, create.statusCode());
        assertEquals(200, list.statusCode());
        assertTrue(simulator.jobs().isEmpty(), "an injected error does nothing");
    }

    @Test
    void errorStatusIsConfigurable() {
        restart(SimulatorOptions.builder());
        simulator.faults().errorStatus(503).failNext(DrsCall.SHOW, 1);

        assertEquals(503, http.show("x").statusCode());
        assertEquals(400, http.show("x").statusCode(), "only the next one");
    }

    @Test
    void theIamTokenCallCanFailToo() {
        simulator.faults().failNext(DrsCall.TOKEN, 1);
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"]}}}";

        assertEquals(500, http.send("POST", "/v3/auth/tokens", body, null).statusCode());
        assertEquals(201, http.send("POST", "/v3/auth/tokens", body, null).statusCode());
    }

    @Test
    void throttlingAnswers429WithRetryAfterAndDrsM01503() {
        restart(SimulatorOptions.builder());
        simulator.faults().retryAfter(Duration.ofSeconds(3)).throttleNext(DrsCall.CREATE, 2);

        HttpResponse<String> first = http.create(seedExampleTree("obs-full-once"));
        HttpResponse<String> second = http.create(seedExampleTree("obs-full-once"));
        HttpResponse<String> third = http.create(seedExampleTree("obs-full-once"));

        assertEquals(429, first.statusCode());
        assertEquals("3", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("DRS.M01503", json(first).get("error_code").asText());
        assertEquals(429, second.statusCode());
        assertEquals(200, third.statusCode());
        assertEquals(1, simulator.jobs().size(), "throttled creates make no job");
    }

    @Test
    void throttleRateOfOneThrottlesEveryCall() {
        restart(SimulatorOptions.builder().faults(FaultSettings.NONE.withThrottleRate(DrsCall.LIST, 1.0)));

        for (int i = 0; i < 5; i++) {
            assertEquals(429, http.list("").statusCode());
        }
    }

    @Test
    void latencyIsAddedToEveryCall() {
        restart(SimulatorOptions.builder());
        assertEquals(200, http.list("").statusCode());
        simulator.faults().latency(Duration.ofMillis(400));

        long before = System.nanoTime();
        HttpResponse<String> slow = http.list("");
        long delayed = System.nanoTime() - before;

        assertEquals(200, slow.statusCode());
        assertTrue(delayed >= TimeUnit.MILLISECONDS.toNanos(400), "took " + delayed / 1_000_000 + " ms");
    }

    @Test
    void aDroppedCreateAnswerStillCreatesTheJob() {
        restart(SimulatorOptions.builder());
        simulator.faults().dropNextCreates(1);
        ObjectNode body = seedExampleTree("obs-full-once");
        ((ObjectNode) body.get("base_info")).put("name", "campaign-0001");

        assertThrows(UncheckedIOException.class, () -> http.create(body), "no answer arrives");

        assertEquals(1, simulator.jobs().size());
        assertEquals("campaign-0001", simulator.jobs().get(0).name());
        JsonNode found = json(http.list("name=campaign-0001"));
        assertEquals(1, found.get("count").asInt(), "a client can find it by name");
        RecordedRequest create = simulator.requests().get(0);
        assertEquals(simulator.jobs().get(0).id(), create.createdJobId());
        assertEquals(0, create.status(), "recorded as unanswered");
        assertEquals(200, http.create(body).statusCode(), "only the next create was dropped");
    }

    @Test
    void dropAfterCreateRateIsReproducible() {
        List<Boolean> first = dropPattern(11);
        List<Boolean> again = dropPattern(11);

        assertEquals(first, again);
        assertTrue(first.contains(true) && first.contains(false), first.toString());
    }

    @Test
    void aTimedOutCreateMadeItsJobAndIsAnsweredOnlyAfterTheTimeout() {
        restart(SimulatorOptions.builder());
        simulator.faults().timeoutRate(DrsCall.CREATE, 1.0).timeout(Duration.ofMillis(1500));
        ObjectNode body = seedExampleTree("obs-full-once");
        ((ObjectNode) body.get("base_info")).put("name", "campaign-0002");

        assertThrows(
                UncheckedIOException.class,
                () -> http.sendRaw(create(body, Duration.ofMillis(300))),
                "the client gives up");

        assertEquals(1, simulator.jobs().size(), "the job was made before the answer was held back");
        assertEquals(1, json(http.list("name=campaign-0002")).get("count").asInt(), "lists are not held back");
        long before = System.nanoTime();
        HttpResponse<String> patient = http.sendRaw(create(body, Duration.ofSeconds(10)));
        long waited = System.nanoTime() - before;
        assertEquals(200, patient.statusCode(), "a client that waits long enough gets the answer");
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(1500), "answered after " + waited / 1_000_000 + " ms");
    }

    @Test
    void aNewJobStaysOutOfListAnswersForTheListLagThenIsListed() throws InterruptedException {
        restart(SimulatorOptions.builder().listLag(Duration.ofSeconds(2)));
        ObjectNode body = seedExampleTree("obs-full-once");
        ((ObjectNode) body.get("base_info")).put("name", "campaign-lagging");

        long created = System.nanoTime();
        assertEquals(200, http.create(body).statusCode());
        int listedAtOnce = json(http.list("name=campaign-lagging")).get("count").asInt();
        long askedWithin = System.nanoTime() - created;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (json(http.list("name=campaign-lagging")).get("count").asInt() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long listedAfter = System.nanoTime() - created;

        if (askedWithin < TimeUnit.SECONDS.toNanos(2)) {
            assertEquals(0, listedAtOnce, "not listed right after its create");
        }
        assertEquals(
                1, json(http.list("name=campaign-lagging")).get("count").asInt(), "listed once the lag has passed");
        assertTrue(listedAfter >= TimeUnit.SECONDS.toNanos(2), "listed after " + listedAfter / 1_000_000 + " ms");
        assertEquals(1, simulator.jobs().size(), "the job existed all along");
    }

    @Test
    void timeoutRateIsReproducibleAndLeavesOtherCallsAlone() {
        List<Boolean> first = timeoutPattern(5);
        List<Boolean> again = timeoutPattern(5);

        assertEquals(first, again);
        assertTrue(first.contains(true) && first.contains(false), first.toString());
        assertEquals(200, http.create(seedExampleTree("obs-full-once")).statusCode(), "creates are not held back");
    }

    @Test
    void faultsCanBeSetAndReadThroughTheAdminEndpoint() {
        restart(SimulatorOptions.builder());

        HttpResponse<String> set = http.send(
                "POST",
                "/_admin/faults",
                "{\"throttle_next\": {\"list\": 1}, \"retry_after_seconds\": 5, \"error_rates\":"
                        + " {\"*\": 0.25}, \"latency_ms\": 10, \"drop_next_creates\": 2,"
                        + " \"timeout_rates\": {\"create\": 0.1}, \"timeout_ms\": 2500}",
                null);
        HttpResponse<String> throttled = http.list("");
        HttpResponse<String> bad = http.send("POST", "/_admin/faults", "{\"error_rates\": {\"list\": 2}}", null);
        HttpResponse<String> unknown = http.send("POST", "/_admin/faults", "{\"explode\": true}", null);

        assertEquals(200, set.statusCode(), set.body());
        assertEquals(0.25, json(set).at("/error_rates/show").asDouble());
        assertEquals(2, json(set).get("drop_next_creates").asInt());
        assertEquals(0.1, json(set).at("/timeout_rates/create").asDouble());
        assertTrue(json(set).at("/timeout_rates/show").isMissingNode(), "only the call named");
        assertEquals(2500, json(set).get("timeout_ms").asInt());
        assertEquals(429, throttled.statusCode());
        assertEquals("5", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(Duration.ofMillis(10), simulator.faults().settings().latency());
        assertEquals(400, bad.statusCode());
        assertTrue(json(bad).get("error_msg").asText().contains("error_rates"));
        assertEquals(400, unknown.statusCode());
        assertEquals(200, http.send("DELETE", "/_admin/faults", null, null).statusCode());
        assertEquals(FaultSettings.NONE, simulator.faults().settings());
    }

    @Test
    void resetForgetsJobsAndRequestsAndRestoresTheStartUpFaults() {
        restart(SimulatorOptions.builder().faults(FaultSettings.NONE.withFailNext(DrsCall.LIST, 1)));
        assertEquals(500, http.list("").statusCode());
        String before = http.createOk(seedExampleTree("obs-full-once"));

        HttpResponse<String> reset = http.send("POST", "/_admin/reset", "", null);

        assertEquals(200, reset.statusCode());
        assertTrue(simulator.jobs().isEmpty());
        assertTrue(simulator.requests().isEmpty());
        assertEquals(500, http.list("").statusCode(), "the start-up fault is armed again");
        assertEquals(before, http.createOk(seedExampleTree("obs-full-once")), "job ids restart from the seed");
    }

    @Test
    void faultSettingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withErrorRate(DrsCall.LIST, 1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withErrorStatus(404));
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withLatency(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withDropNextCreates(-1));
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withTimeoutRate(DrsCall.SHOW, -0.1));
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.withTimeout(Duration.ofMillis(-1)));
    }

    private List<Integer> listStatuses(FaultSettings faults, long seed) {
        restart(SimulatorOptions.builder().seed(seed).faults(faults));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            statuses.add(http.list("").statusCode());
        }
        return statuses;
    }

    /**
     * Which of 12 lists time out (a 1 s client against answers held 2 s) at half a chance. The
     * client's timeout is long enough for an answer that is not held back to arrive on a busy
     * machine, and the hold twice that, so the pattern says only what the simulator chose.
     */
    private List<Boolean> timeoutPattern(long seed) {
        restart(SimulatorOptions.builder()
                .seed(seed)
                .faults(FaultSettings.NONE.withTimeoutRate(DrsCall.LIST, 0.5).withTimeout(Duration.ofSeconds(2))));
        List<Boolean> timedOut = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpRequest list = HttpRequest.newBuilder(simulator.baseUri().resolve(SimulatorHttp.jobsPath()))
                    .timeout(Duration.ofSeconds(1))
                    .header("X-Auth-Token", SimulatorHttp.TOKEN)
                    .GET()
                    .build();
            try {
                timedOut.add(http.sendRaw(list).statusCode() != 200);
            } catch (UncheckedIOException e) {
                timedOut.add(true);
            }
        }
        return timedOut;
    }

    /** A create of {@code body} by a client that waits at most {@code timeout} for the answer. */
    private HttpRequest create(JsonNode body, Duration timeout) {
        return HttpRequest.newBuilder(simulator.baseUri().resolve(SimulatorHttp.jobsPath()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", SimulatorHttp.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private List<Boolean> dropPattern(long seed) {
        restart(SimulatorOptions.builder().seed(seed).faults(FaultSettings.NONE.withDropAfterCreateRate(0.5)));
        List<Boolean> dropped = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            try {
                http.create(seedExampleTree("obs-full-once"));
                dropped.add(false);
            } catch (UncheckedIOException e) {
                dropped.add(true);
            }
        }
        assertEquals(12, simulator.jobs().size(), "every create made its job, answered or not");
        return dropped;
    }
}
