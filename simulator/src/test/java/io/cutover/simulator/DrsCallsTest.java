package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.json;
import static io.cutover.simulator.SimulatorHttp.seedExampleTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The five DRS calls and the IAM token call, over real HTTP. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DrsCallsTest extends SimulatorHttpTest {

    @Test
    void startsOnAnEphemeralPortOfTheLoopback() {
        assertTrue(simulator.port() > 0);
        assertEquals("http://127.0.0.1:" + simulator.port(), simulator.baseUri().toString());
    }

    @Test
    void createAnswersAJobIdInDrsShapeAndShowEchoesTheRequest() {
        ObjectNode body = seedExampleTree("obs-full-once");
        HttpResponse<String> created = http.create(body);

        assertEquals(200, created.statusCode(), created.body());
        String jobId = json(created).get("job_id").asText();
        assertTrue(jobId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{8}jb01"), jobId);

        JsonNode shown = http.showOk(jobId);
        assertEquals(jobId, shown.get("id").asText());
        assertEquals("SUCCESS", shown.get("status").asText());
        assertEquals("DRS-7526", shown.at("/base_info/name").asText());
        assertEquals(
                "0a3182607bc549bcb46cc9a8755761a6in04",
                shown.at("/target_db_info/target_instance_id").asText());
        assertEquals("OBS", shown.at("/backup_info/file_source").asText());
        assertEquals("zyy-obs", shown.at("/backup_info/bucket_name").asText());
        assertEquals(
                "1706510914000_0_Test_Database.bak",
                shown.at("/backup_info/file_info/0/file_name").asText());
        assertEquals("full", shown.at("/options/recovery_mode").asText());
        assertTrue(shown.at("/options/is_last_backup").asBoolean());
        assertEquals("", shown.get("error_log").asText());
        long created_ = Long.parseLong(shown.get("create_time").asText());
        long finished = Long.parseLong(shown.get("finish_time").asText());
        assertTrue(Math.abs(created_ - Instant.now().toEpochMilli()) < 60_000, "create_time is epoch millis");
        assertTrue(finished >= created_);
    }

    @Test
    void showCanAnswerRecoveryModeAsANumberLikeTheRealService() {
        restart(SimulatorOptions.builder().numericRecoveryModeInShow(true));
        String full = http.createOk(seedExampleTree("obs-full-then-incre"));
        String incre = http.createOk(seedExampleTree("obs-incre"));

        assertEquals("1", http.showOk(full).at("/options/recovery_mode").asText());
        assertEquals("2", http.showOk(incre).at("/options/recovery_mode").asText());
    }

    @Test
    void showOfAnUnknownJobIs400WithDrs10000010() {
        HttpResponse<String> response = http.show("00000000-0000-0000-0000-000000000000jb01");

        assertEquals(400, response.statusCode());
        assertEquals("DRS.10000010", json(response).get("error_code").asText());
    }

    @Test
    void jobsOfAnotherProjectAreInvisible() {
        String jobId = http.createOk(seedExampleTree("obs-full-once"));

        HttpResponse<String> other = http.send("GET", "/v5/another-project/backup-migration-jobs/" + jobId, null, "t");
        HttpResponse<String> otherList = http.send("GET", "/v5/another-project/backup-migration-jobs", null, "t");

        assertEquals(400, other.statusCode());
        assertEquals(0, json(otherList).get("count").asInt());
    }

    @Test
    void listIsNewestFirstWithDefaultPageOfTenAndOffset() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ObjectNode body = seedExampleTree("obs-full-once");
            ((ObjectNode) body.get("base_info")).put("name", "job-" + i);
            ids.add(http.createOk(body));
        }

        JsonNode firstPage = json(http.list(""));
        JsonNode secondPage = json(http.list("offset=10"));
        JsonNode oldestFirst = json(http.list("sort_dir=asc&limit=3"));

        assertEquals(12, firstPage.get("count").asInt());
        assertEquals(10, firstPage.get("jobs").size());
        assertEquals(ids.get(11), firstPage.at("/jobs/0/id").asText());
        assertEquals(ids.get(2), firstPage.at("/jobs/9/id").asText());
        assertEquals(2, secondPage.get("jobs").size());
        assertEquals(ids.get(0), secondPage.at("/jobs/1/id").asText());
        assertEquals(ids.get(0), oldestFirst.at("/jobs/0/id").asText());
        assertEquals(3, oldestFirst.get("jobs").size());
        JsonNode item = firstPage.at("/jobs/0");
        for (String field : List.of(
                "id",
                "name",
                "status",
                "engine_type",
                "error_log",
                "description",
                "create_time",
                "finish_time",
                "enterprise_project_id")) {
            assertTrue(item.has(field), "list item has " + field);
        }
    }

    @Test
    void listFiltersByFuzzyNameStatusAndInstance() {
        ObjectNode first = seedExampleTree("obs-full-once");
        ((ObjectNode) first.get("base_info")).put("name", "campaign-A-0001");
        ObjectNode second = seedExampleTree("obs-full-once");
        ((ObjectNode) second.get("base_info")).put("name", "campaign-B-0001");
        ((ObjectNode) second.get("target_db_info")).put("target_instance_id", "other-instance");
        String a = http.createOk(first);
        String b = http.createOk(second);
        http.createOk(seedExampleTree("obs-incre")); // FAILED: no full for ims

        JsonNode byName = json(http.list("name=CAMPAIGN-a"));
        JsonNode byStatus = json(http.list("status=FAILED"));
        JsonNode byInstance = json(http.list("dbs_instance_ids=other-instance"));

        assertEquals(1, byName.get("count").asInt());
        assertEquals(a, byName.at("/jobs/0/id").asText());
        assertEquals(1, byStatus.get("count").asInt());
        assertEquals("FAILED", byStatus.at("/jobs/0/status").asText());
        assertEquals(1, byInstance.get("count").asInt());
        assertEquals(b, byInstance.at("/jobs/0/id").asText());
    }

    @Test
    void listRefusesBadPaging() {
        HttpResponse<String> negative = http.list("limit=-1");
        HttpResponse<String> notNumber = http.list("offset=abc");
        HttpResponse<String> badStatus = http.list("status=DONE");

        assertEquals(400, negative.statusCode());
        assertTrue(json(negative).get("error_msg").asText().startsWith("limit:"));
        assertEquals(400, notNumber.statusCode());
        assertTrue(json(notNumber).get("error_msg").asText().startsWith("offset:"));
        assertEquals(400, badStatus.statusCode());
        assertTrue(json(badStatus).get("error_msg").asText().startsWith("status:"));
    }

    @Test
    void updateChangesNameAndDescriptionOnly() {
        String jobId = http.createOk(seedExampleTree("obs-full-once"));

        HttpResponse<String> updated =
                http.update(jobId, "{\"name\": \"renamed-job\", \"description\": \"new words\"}");
        HttpResponse<String> badName = http.update(jobId, "{\"name\": \"x\"}");
        HttpResponse<String> otherField = http.update(jobId, "{\"status\": \"SUCCESS\"}");

        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode shown = http.showOk(jobId);
        assertEquals("renamed-job", shown.at("/base_info/name").asText());
        assertEquals("new words", shown.at("/base_info/description").asText());
        assertEquals(400, badName.statusCode());
        assertTrue(json(badName).get("error_msg").asText().startsWith("name:"));
        assertEquals(400, otherField.statusCode());
        assertTrue(json(otherField).get("error_msg").asText().startsWith("status:"));
        assertEquals(1, json(http.list("name=renamed")).get("count").asInt());
    }

    @Test
    void deleteRemovesAFinishedJob() {
        String jobId = http.createOk(seedExampleTree("obs-full-once"));

        HttpResponse<String> deleted = http.delete(jobId);

        assertEquals(200, deleted.statusCode());
        assertEquals(400, http.show(jobId).statusCode());
        assertEquals(0, json(http.list("")).get("count").asInt());
        assertEquals(400, http.delete(jobId).statusCode());
    }

    @Test
    void missingTokenIs401() {
        HttpResponse<String> response = http.send("GET", SimulatorHttp.jobsPath(), null, null);

        assertEquals(401, response.statusCode());
        assertEquals("DRS.M00100", json(response).get("error_code").asText());
    }

    @Test
    void anyNonEmptyTokenIsAcceptedWhenNoneIsConfigured() {
        assertEquals(
                200,
                http.send("GET", SimulatorHttp.jobsPath(), null, "whatever").statusCode());
    }

    @Test
    void onlyTheConfiguredTokenIsAccepted() {
        restart(SimulatorOptions.builder().token("the-token"));

        HttpResponse<String> wrong = http.send("GET", SimulatorHttp.jobsPath(), null, "not-it");
        HttpResponse<String> right = http.send("GET", SimulatorHttp.jobsPath(), null, "the-token");

        assertEquals(401, wrong.statusCode());
        assertEquals("DRS.M00100", json(wrong).get("error_code").asText());
        assertEquals(200, right.statusCode());
    }

    @Test
    void iamIssuesTheConfiguredTokenWithAnExpiry() {
        restart(SimulatorOptions.builder().token("the-token"));
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":"
                + "{\"name\":\"u\",\"password\":\"pw\",\"domain\":{\"name\":\"d\"}}}},"
                + "\"scope\":{\"project\":{\"id\":\"p\"}}}}";

        HttpResponse<String> response = http.send("POST", "/v3/auth/tokens", body, null);

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(
                "the-token", response.headers().firstValue("X-Subject-Token").orElseThrow());
        Instant expiresAt = Instant.parse(json(response).at("/token/expires_at").asText());
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(23 * 3600)));
        assertEquals(400, http.send("POST", "/v3/auth/tokens", "{}", null).statusCode());
    }

    @Test
    void iamIssuesAFreshNonEmptyTokenWhenNoneIsConfigured() {
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"]}}}";

        HttpResponse<String> response = http.send("POST", "/v3/auth/tokens", body, null);

        String token = response.headers().firstValue("X-Subject-Token").orElseThrow();
        assertFalse(token.isEmpty());
        assertEquals(
                200, http.send("GET", SimulatorHttp.jobsPath(), null, token).statusCode());
    }

    @Test
    void anAkSkSignedRequestPassesOnItsFormWhenNoTokenIsConfigured() {
        HttpRequest signed = signedList();

        assertEquals(200, http.sendRaw(signed).statusCode());
        restart(SimulatorOptions.builder().token("the-token"));
        assertEquals(401, http.sendRaw(signedList()).statusCode(), "a configured token is required");
    }

    private HttpRequest signedList() {
        return HttpRequest.newBuilder(simulator.baseUri().resolve(SimulatorHttp.jobsPath()))
                .header("X-Sdk-Date", "20261128T140000Z")
                .header("Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=abc")
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void listFiltersByDescriptionAndEnterpriseProjectAndSortsByName() {
        ObjectNode zulu = seedExampleTree("obs-full-once");
        ((ObjectNode) zulu.get("base_info")).put("name", "zulu-job").put("description", "Night cutover");
        ObjectNode alpha = seedExampleTree("obs-full-once");
        ((ObjectNode) alpha.get("base_info")).put("name", "alpha-job").put("enterprise_project_id", "ep-2");
        String zuluId = http.createOk(zulu);
        String alphaId = http.createOk(alpha);

        assertEquals(
                zuluId, json(http.list("description=night")).at("/jobs/0/id").asText());
        assertEquals(1, json(http.list("description=night")).get("count").asInt());
        assertEquals(
                alphaId,
                json(http.list("enterprise_project_id=ep-2")).at("/jobs/0/id").asText());
        assertEquals(
                1, json(http.list("enterprise_project_id=ep-2")).get("count").asInt());
        assertEquals(
                alphaId,
                json(http.list("sort_key=name&sort_dir=asc")).at("/jobs/0/id").asText());
        assertEquals(
                zuluId,
                json(http.list("sort_key=name&sort_dir=desc")).at("/jobs/0/id").asText());
        assertEquals(400, http.list("sort_key=colour").statusCode());
        assertEquals(400, http.list("sort_dir=sideways").statusCode());
    }

    @Test
    void concurrentCreatesEachMakeOneJobWithItsOwnId() throws Exception {
        int creates = 24;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                ObjectNode body = seedExampleTree("obs-full-once");
                ((ObjectNode) body.get("base_info")).put("name", "parallel-" + i);
                ids.add(pool.submit(() -> http.createOk(body)));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get(20, TimeUnit.SECONDS));
            }

            assertEquals(creates, distinct.size());
            assertEquals(creates, simulator.jobs().size());
            assertEquals(creates, simulator.requests().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownPathsAre404() {
        HttpResponse<String> response = http.send("GET", "/v3/p/jobs", null, "t");

        assertEquals(404, response.statusCode());
        assertNotNull(json(response).get("error_code"));
    }
}
