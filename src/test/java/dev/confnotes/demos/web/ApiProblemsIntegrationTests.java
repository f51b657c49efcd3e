package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Outcome;

/**
 * Every error of the JSON API has one shape, RFC 9457 problem details: {@code application/problem+json} with
 * title, status, detail and instance (no type: about:blank); a 400 names the field and its limits, a 429 keeps Retry-After.
 */
@TestDemosContext
class ApiProblemsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    DemoTestSupport client;

    final List<String> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    @AfterEach
    void tidy() throws Exception {
        for (String id : started) {
            client.postJson("/api/runs/" + id + "/cancel", "");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.liveCount() == 0);
    }

    /** The answer as a problem: its type, status and instance checked, the rest for the caller. */
    private JsonNode problem(HttpResponse<String> answer, int status, String path) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        // RFC 9457: an absent type means about:blank
        assertThat(problem.has("type")).as("type").isFalse();
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        return problem;
    }

    @Test
    void unknownIdsAndPathsAre404Problems() throws Exception {
        problem(client.get("/api/demos/nope"), 404, "/api/demos/nope");
        problem(client.get("/api/runs/zzzzzzzzzzzzzzzz"), 404, "/api/runs/zzzzzzzzzzzzzzzz");
        problem(client.get("/api/talks/nope"), 404, "/api/talks/nope");
        problem(client.get("/api/nothing/here"), 404, "/api/nothing/here");
    }

    @Test
    void aBadParameterIsA400NamingTheFieldAndItsLimits() throws Exception {
        JsonNode problem = problem(client.postJson("/api/demos/echo/runs", "{\"count\": 500}"), 400,
                "/api/demos/echo/runs");
        assertThat(problem.path("field").asString()).isEqualTo("count");
        assertThat(problem.path("min").asInt()).isEqualTo(1);
        assertThat(problem.path("max").asInt()).isEqualTo(50);
        assertThat(problem.path("detail").asString()).contains("count", "1", "50");
        assertThat(problem.path("errors")).hasSize(1);

        JsonNode choice = problem(client.postJson("/api/demos/echo/runs", "{\"mode\": \"rm -rf\"}"), 400,
                "/api/demos/echo/runs");
        assertThat(choice.path("choices")).extracting(JsonNode::asString).containsExactly("calm", "loud");
        problem(client.postJson("/api/demos/echo/runs", "[1, 2]"), 400, "/api/demos/echo/runs");
        problem(client.postJson("/api/demos/echo/runs", "{not json"), 400, "/api/demos/echo/runs");
    }

    @Test
    void tooManyRunsIsA429ProblemWithRetryAfter() throws Exception {
        started.add(client.startRun("sleeper", "{\"children\": 0}"));
        started.add(client.startRun("sleeper", "{\"children\": 0}"));
        HttpResponse<String> third = client.postJson("/api/demos/sleeper/runs", "{\"children\": 0}");
        JsonNode problem = problem(third, 429, "/api/demos/sleeper/runs");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(problem.path("retryAfterSeconds").asInt()).isEqualTo(7);
    }

    @Test
    void aCommandForARunThatEndedIsA409Problem() throws Exception {
        String id = client.startRun("sleeper", "{\"children\": 0}");
        started.add(id);
        client.postJson("/api/runs/" + id + "/cancel", "");
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.find(id).orElseThrow().outcome() == Outcome.CANCELED);
        JsonNode problem = problem(client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"ping\"}"), 409,
                "/api/runs/" + id + "/commands");
        assertThat(problem.path("detail").asString()).contains("ended");
    }
}
