package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.json;
import static io.cutover.simulator.SimulatorHttp.seedExample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every DRS and IAM request is recorded, in order, with its secrets redacted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestRecordingTest extends SimulatorHttpTest {

    @Test
    void recordsEachCallInArrivalOrderWithItsOutcome() {
        String body = seedExample("obs-full-once");
        String jobId = json(http.create(body)).get("job_id").asText();
        http.list("name=DRS&limit=5");
        http.show(jobId);
        http.send("GET", SimulatorHttp.jobsPath(), null, null);

        List<RecordedRequest> requests = simulator.requests();

        assertEquals(4, requests.size());
        RecordedRequest create = requests.get(0);
        assertEquals("POST", create.method());
        assertEquals(SimulatorHttp.jobsPath(), create.path());
        assertEquals(body, create.body(), "the body as sent");
        assertEquals(jobId, create.createdJobId());
        assertEquals(200, create.status());
        assertEquals("application/json", create.header("Content-Type"));
        RecordedRequest list = requests.get(1);
        assertEquals("GET", list.method());
        assertEquals("name=DRS&limit=5", list.query());
        assertNull(list.createdJobId());
        assertEquals(SimulatorHttp.jobsPath() + "/" + jobId, requests.get(2).path());
        assertEquals(401, requests.get(3).status());
    }

    @Test
    void redactsTheTokenAndIamPasswords() {
        http.list("");
        String tokenRequest = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":"
                + "{\"name\":\"operator\",\"password\":\"hunter2\",\"domain\":{\"name\":\"d\"}}}}}}";
        http.send("POST", "/v3/auth/tokens", tokenRequest, null);

        List<RecordedRequest> requests = simulator.requests();

        assertEquals(RecordedRequest.REDACTED, requests.get(0).header("X-Auth-Token"));
        String recordedBody = requests.get(1).body();
        assertFalse(recordedBody.contains("hunter2"), recordedBody);
        assertTrue(recordedBody.contains("operator"), "the user's name stays readable");
        assertFalse(simulator.requests().toString().contains(SimulatorHttp.TOKEN));
    }

    @Test
    void theAdminEndpointServesTheRecordAndIsNotRecordedItself() {
        http.createOk(SimulatorHttp.seedExampleTree("obs-full-once"));

        HttpResponse<String> response = http.send("GET", "/_admin/requests", null, null);
        HttpResponse<String> jobs = http.send("GET", "/_admin/jobs", null, null);

        assertEquals(200, response.statusCode());
        JsonNode recorded = json(response);
        assertEquals(1, recorded.size());
        assertEquals("POST", recorded.at("/0/method").asText());
        assertEquals(
                RecordedRequest.REDACTED,
                recorded.at("/0/headers/x-auth-token/0").asText());
        assertEquals(
                simulator.jobs().get(0).id(), recorded.at("/0/created_job_id").asText());
        assertEquals("SUCCESS", json(jobs).at("/0/status").asText());
        assertTrue(json(jobs).at("/0/is_last_backup").asBoolean());
        assertEquals(1, simulator.requests().size());
    }

    @Test
    void theAdminJobsCanBeAskedForOneTargetInstance() {
        String job = http.createOk(SimulatorHttp.seedExampleTree("obs-full-once"));
        String target = simulator.jobs().get(0).targetInstanceId();

        JsonNode mine = json(http.send("GET", "/_admin/jobs?target_instance_id=" + target, null, null));
        JsonNode none = json(http.send("GET", "/_admin/jobs?target_instance_id=other", null, null));

        assertEquals(1, mine.size());
        assertEquals(job, mine.at("/0/id").asText());
        assertEquals(0, none.size());
    }
}
