package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.DemoRunner;

/**
 * What a client may send to start or command a run, and what it gets for what it may not: no body starts the
 * defaults, a body of another type is 415, a body that does not parse is a 400 saying where; never a 5xx.
 */
@TestDemosContext
class RunRequestsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    DemoTestSupport client;

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    @AfterEach
    void noRunLeft() {
        await().atMost(Duration.ofSeconds(20)).until(() -> runner.liveCount() == 0);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.http().send(request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void cancel(HttpResponse<String> created) throws Exception {
        client.postJson("/api/runs/" + DemoTestSupport.field(created.body(), "id") + "/cancel", "");
    }

    @Test
    void noBodyOrAnEmptyJsonBodyStartsTheDefaults() throws Exception {
        for (String contentType : new String[] { null, "application/json" }) {
            HttpResponse<String> created = post("/api/demos/echo/runs", contentType, null);
            assertThat(created.statusCode()).as(String.valueOf(contentType)).isEqualTo(201);
            assertThat(created.body()).contains("\"count\":\"5\"");
            cancel(created);
            await().atMost(Duration.ofSeconds(20)).until(() -> runner.liveCount() == 0);
        }
    }

    @Test
    void aBodyOfAnotherTypeIs415AndStartsNothing() throws Exception {
        for (String[] request : new String[][] { { "/api/demos/echo/runs", "text/plain", "count=3" },
                { "/api/demos/echo/runs", "multipart/form-data", "count=3" },
                { "/api/demos/echo/runs", "multipart/form-data; boundary=zz", "garbage" },
                { "/demos/echo/runs", "multipart/form-data", "count=3" },
                { "/demos/echo/runs", "multipart/form-data; boundary=zz", "--zz\r\nbroken" } }) {
            HttpResponse<String> refused = post(request[0], request[1], request[2]);
            assertThat(refused.statusCode()).as(request[0] + " " + request[1]).isEqualTo(415);
        }
        HttpResponse<String> api = post("/api/demos/echo/runs", "text/plain", "count=3");
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(runner.liveCount()).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsA400ThatSaysWhere() throws Exception {
        HttpResponse<String> bad = post("/api/demos/echo/runs", "application/json", "{\"count\": ");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("the body is not valid JSON at line 1, column");
    }

    @Test
    void aCommandInAMultipartBodyIsRefusedAsNotJson() throws Exception {
        HttpResponse<String> created = client.postJson("/api/demos/sleeper/runs", "{\"children\": 0}");
        String id = DemoTestSupport.field(created.body(), "id");
        try {
            for (String contentType : new String[] { "multipart/form-data", "multipart/form-data; boundary=zz" }) {
                HttpResponse<String> refused = post("/api/runs/" + id + "/commands", contentType, "--zz\r\n{\"cmd\":\"ping\"}");
                assertThat(refused.statusCode()).as(contentType).isEqualTo(400);
                assertThat(refused.body()).contains("not valid JSON");
            }
        }
        finally {
            client.postJson("/api/runs/" + id + "/cancel", "");
        }
    }

    @Test
    void aMethodTheResourceDoesNotTakeIsA405ProblemNamingTheOnesItDoes() throws Exception {
        HttpResponse<String> refused = client.get("/api/demos/echo/runs");
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
