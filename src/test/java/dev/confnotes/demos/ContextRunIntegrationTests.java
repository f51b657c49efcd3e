package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The context demo through the real runner and HTTP API: a fanout run, a middle node cancelled while
 * the run goes on, and what the event stream says about each node afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=src/test/resources/test-talks",
        "confnotes.talks.watch=false", "spring.datasource.url=jdbc:h2:mem:context-run;DB_CLOSE_DELAY=-1",
        "confnotes.demos.max-concurrent-runs=2", "confnotes.demos.heartbeat=1s" })
class ContextRunIntegrationTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    DemoTestSupport http;

    @BeforeEach
    void setUp() {
        http = new DemoTestSupport(port);
    }

    @Test
    void cancellingAMiddleNodeStopsItsSubtreeWhileTheWithoutCancelSiblingFinishes() throws Exception {
        // n1 handler → n2 db.Query → n3 cache.Get; n4 audit.Write (WithoutCancel); n5 metrics.Push
        HttpResponse<String> started = http.postJson("/api/demos/context/runs",
                "{\"shape\":\"fanout\",\"mode\":\"go\",\"timeoutMs\":20000,\"workMs\":4000}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String run = JSON.readTree(started.body()).path("id").asString();
        String events = "/api/runs/" + run + "/events";

        http.read(events, null, m -> "node".equals(m.event()) && node(m.data(), "n3", "running"), Duration.ofSeconds(60));

        assertThat(http.postJson("/api/runs/" + run + "/commands", "{\"cmd\":\"cancel\",\"node\":\"n2\"}").statusCode())
            .isEqualTo(202);
        assertThat(http.postJson("/api/runs/" + run + "/commands", "{\"cmd\":\"cancel\",\"node\":\"n42\"}").statusCode())
            .isEqualTo(202);

        List<DemoTestSupport.Sse> all = http.read(events, null, m -> "end".equals(m.event()), Duration.ofSeconds(60));
        assertThat(all.getLast().event()).isEqualTo("end");
        assertThat(all.getLast().data()).isEqualTo("finished");

        Map<String, JsonNode> last = new LinkedHashMap<>();
        for (DemoTestSupport.Sse m : all) {
            if ("node".equals(m.event())) {
                JsonNode n = JSON.readTree(m.data());
                last.put(n.path("id").asString(), n);
            }
        }
        for (String id : List.of("n2", "n3")) {
            assertThat(last.get(id).path("state").asString()).as(id).isEqualTo("canceled");
            assertThat(last.get(id).path("err").asString()).as(id).isEqualTo("context canceled");
            assertThat(last.get(id).path("cause").asString()).as(id).isEqualTo("canceled by user");
        }
        assertThat(last.get("n4").path("label").asString()).isEqualTo("audit.Write");
        assertThat(last.get("n4").path("state").asString()).as("WithoutCancel sibling").isEqualTo("done");
        assertThat(last.get("n1").path("cause").asString()).as("the parent was not canceled by the user")
            .isNotEqualTo("canceled by user");

        assertThat(all).anySatisfy(m -> {
            assertThat(m.event()).isEqualTo("event");
            JsonNode e = JSON.readTree(m.data());
            assertThat(e.path("kind").asString()).isEqualTo("warning");
            assertThat(e.path("fields").path("reason").asString()).contains("n42");
        });
        assertThat(all).anySatisfy(m -> assertThat(m.event()).isEqualTo("done"));
    }

    @Test
    void aCommandThatIsNotJsonIsABadRequest() throws Exception {
        HttpResponse<String> started = http.postJson("/api/demos/context/runs",
                "{\"shape\":\"workers\",\"workers\":1,\"timeoutMs\":3000,\"workMs\":1500}");
        assertThat(started.statusCode()).isEqualTo(201);
        String run = JSON.readTree(started.body()).path("id").asString();

        HttpResponse<String> bad = http.postJson("/api/runs/" + run + "/commands", "cancel n2");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("command").contains("JSON");

        http.postJson("/api/runs/" + run + "/cancel", "");
    }

    @Test
    void aTimeoutOutOfRangeIsABadRequestNamingTheFieldAndItsLimits() throws Exception {
        HttpResponse<String> response = http.postJson("/api/demos/context/runs", "{\"timeoutMs\":5}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("field").asString()).isEqualTo("timeoutMs");
        assertThat(body.path("min").asInt()).isEqualTo(100);
        assertThat(body.path("max").asInt()).isEqualTo(30000);
        assertThat(body.path("detail").asString()).contains("100").contains("30000");
    }

    static boolean node(String json, String id, String state) {
        try {
            JsonNode n = JSON.readTree(json);
            return id.equals(n.path("id").asString()) && state.equals(n.path("state").asString());
        }
        catch (RuntimeException ex) {
            return false;
        }
    }
}
