package io.cutover.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to a simulator over real HTTP, the way a client would; for tests only. */
final class SimulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    static final String TOKEN = "test-token";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    SimulatorHttp(DrsSimulator simulator) {
        this.base = simulator.baseUri();
    }

    /** The text of a seed example kept under src/test/resources/seed-examples. */
    static String seedExample(String name) {
        try (InputStream in = SimulatorHttp.class.getResourceAsStream("/seed-examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no seed example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode seedExampleTree(String name) {
        try {
            return (ObjectNode) JSON.readTree(seedExample(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jobsPath() {
        return "/v5/" + PROJECT + "/backup-migration-jobs";
    }

    HttpResponse<String> create(String body) {
        return send("POST", jobsPath(), body, TOKEN);
    }

    HttpResponse<String> create(JsonNode body) {
        return create(body.toString());
    }

    /** Creates a job and answers its id, failing the test when the create is refused. */
    String createOk(JsonNode body) {
        HttpResponse<String> response = create(body);
        if (response.statusCode() != 200) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("job_id").asText();
    }

    HttpResponse<String> list(String query) {
        return send("GET", jobsPath() + (query.isEmpty() ? "" : "?" + query), null, TOKEN);
    }

    HttpResponse<String> show(String jobId) {
        return send("GET", jobsPath() + "/" + jobId, null, TOKEN);
    }

    JsonNode showOk(String jobId) {
        HttpResponse<String> response = show(jobId);
        if (response.statusCode() != 200) {
            throw new AssertionError("show answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> update(String jobId, String body) {
        return send("PUT", jobsPath() + "/" + jobId, body, TOKEN);
    }

    HttpResponse<String> delete(String jobId) {
        return send("DELETE", jobsPath() + "/" + jobId, null, TOKEN);
    }

    /** Sends a request; token null sends no X-Auth-Token; body null sends none. */
    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        return sendRaw(request.build());
    }

    /** Sends a request as is; an IOException (such as a dropped answer) is rethrown unchecked. */
    HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
