package dev.confnotes.demos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.history.DemoRunRepository;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Outcome;

/** The event stream read off the wire: from the start, late, resumed, replayed; and bad input. */
@TestDemosContext
class DemoStreamIntegrationTests {

    private static final Duration LIMIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    @Autowired
    DemoRunRepository history;

    DemoTestSupport client;

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    private String start(String json) throws Exception {
        return client.startRun("echo", json);
    }

    private static List<String> metrics(List<DemoTestSupport.Sse> messages) {
        return messages.stream().filter(m -> m.event().equals("metric")).map(DemoTestSupport.Sse::data).toList();
    }

    @Test
    void viewerGetsEveryEventInOrderWithIdsAndAnEnd() throws Exception {
        String id = start("{\"count\": 5, \"everyMs\": 50}");
        List<DemoTestSupport.Sse> messages = client.read("/api/runs/" + id + "/events", null,
                m -> m.event().equals("end"), LIMIT);
        assertThat(messages.getFirst().event()).isEqualTo("run");
        assertThat(metrics(messages)).hasSize(5);
        assertThat(messages.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.seq(m.id())).toList())
            .isSorted()
            .doesNotHaveDuplicates();
        assertThat(messages.stream().map(DemoTestSupport.Sse::event)).contains("status", "done", "end");
        assertThat(messages.stream().filter(m -> m.event().equals("status")).map(DemoTestSupport.Sse::data))
            .anyMatch(html -> html.contains("demo-status") && html.contains("finished"));
    }

    @Test
    void lateViewerGetsTheRunFromItsStartThenLive() throws Exception {
        String id = start("{\"count\": 12, \"everyMs\": 150}");
        await().atMost(LIMIT).until(() -> runner.find(id).orElseThrow().events().stream()
            .filter(e -> e.type().equals("metric")).count() >= 4);
        List<DemoTestSupport.Sse> late = client.read("/runs/" + id + "/events", null, m -> m.event().equals("end"),
                LIMIT);
        assertThat(metrics(late)).hasSize(12);
        assertThat(metrics(late).getFirst()).contains("\"n\":1");
    }

    @Test
    void lastEventIdResumesAfterThatEvent() throws Exception {
        String id = start("{\"count\": 6, \"everyMs\": 50}");
        List<DemoTestSupport.Sse> first = client.read("/api/runs/" + id + "/events", null,
                m -> m.event().equals("metric") && m.data().contains("\"n\":3"), LIMIT);
        String lastId = first.getLast().id();
        List<DemoTestSupport.Sse> resumed = client.read("/api/runs/" + id + "/events", lastId,
                m -> m.event().equals("end"), LIMIT);
        assertThat(metrics(resumed)).hasSize(3).first().asString().contains("\"n\":4");
        assertThat(resumed.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.seq(m.id())))
            .allMatch(seq -> seq > DemoTestSupport.seq(lastId));
    }

    @Test
    void finishedRunIsReplayedFromItsRecord() throws Exception {
        String id = start("{\"count\": 4, \"everyMs\": 100}");
        await().atMost(LIMIT).until(() -> history.findById(id).map(r -> r.getOutcome().isFinal()).orElse(false));
        assertThat(history.findById(id).orElseThrow().getOutcome()).as(history.findById(id).orElseThrow().getReason())
            .isEqualTo(Outcome.FINISHED);
        runner.forget(id);
        long started = System.nanoTime();
        List<DemoTestSupport.Sse> replay = client.read("/runs/" + id + "/events?pace=real", null,
                m -> m.event().equals("end"), LIMIT);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(metrics(replay)).hasSize(4);
        assertThat(tookMs).as("real pace keeps the gaps").isGreaterThanOrEqualTo(250);
        HttpResponse<String> page = client.get("/runs/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/runs/" + id + "/events").contains("sse-connect");
        assertThat(client.get("/api/runs/" + id).body()).contains("\"state\":\"finished\"");
        assertThat(client.get("/demos/echo/runs").body()).contains("/runs/" + id);
    }

    @Test
    void unknownDemoOrRunIs404() throws Exception {
        assertThat(client.postJson("/api/demos/nope/runs", "{}").statusCode()).isEqualTo(404);
        assertThat(client.postJson("/api/demos/nope/runs", "{}").body()).contains("\"status\":404");
        assertThat(client.get("/api/runs/aaaaaaaaaaaaaaaa").statusCode()).isEqualTo(404);
        assertThat(client.get("/api/runs/..%2F..%2Fetc").statusCode()).isIn(400, 404);
        assertThat(client.get("/api/demos/..%2Ftest-talks").statusCode()).isIn(400, 404);
        assertThat(client.get("/api/demos/ECHO").statusCode()).isEqualTo(404);
        assertThat(client.get("/runs/not-a-run/events").statusCode()).isEqualTo(404);
        assertThat(client.get("/demos/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void badParametersAre400NamingTheFieldAndItsLimits() throws Exception {
        HttpResponse<String> tooBig = client.postJson("/api/demos/echo/runs", "{\"count\": 500}");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("\"field\":\"count\"").contains("\"min\":1").contains("\"max\":50");
        HttpResponse<String> unknown = client.postJson("/api/demos/echo/runs", "{\"rm\": \"-rf\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"rm\"").contains("unknown parameter");
        HttpResponse<String> shell = client.postJson("/api/demos/echo/runs", "{\"count\": \"3; touch /tmp/pwned\"}");
        assertThat(shell.statusCode()).isEqualTo(400);
        HttpResponse<String> choice = client.postJson("/api/demos/echo/runs", "{\"mode\": \"../../etc/passwd\"}");
        assertThat(choice.statusCode()).isEqualTo(400);
        assertThat(choice.body()).contains("\"field\":\"mode\"").contains("calm");
        HttpResponse<String> form = client.postForm("/demos/echo/runs", "count=0");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("demo-error").contains("has-error");
    }

    @Test
    void shellMetacharactersAndPathTricksReachTheProgramAsPlainText() throws Exception {
        String note = "$(touch pwned); `id` | ../../etc/passwd & 'q' \"d\"";
        String id = start("{\"count\": 1, \"everyMs\": 10, \"note\": \"" + note.replace("\"", "\\\"") + "\"}");
        List<DemoTestSupport.Sse> messages = client.read("/api/runs/" + id + "/events", null,
                m -> m.event().equals("end"), LIMIT);
        String argv = messages.stream().filter(m -> m.data().contains("\"argv\"")).findFirst().orElseThrow().data();
        assertThat(argv).contains("--note=$(touch pwned); `id` | ../../etc/passwd & 'q' \\\"d\\\"");
        // the child's working directory is target/demo-cache/echo/<hash>/ (or the demo's folder when
        // source-launched): look everywhere it could have landed
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("target/demo-cache"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("pwned")).toList()).isEmpty();
        }
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("src/test/resources/test-demos/echo/pwned")))
            .isFalse();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("pwned"))).isFalse();
    }

    @Test
    void plainFormPostRedirectsToTheRunPage() throws Exception {
        HttpResponse<String> posted = client.postForm("/demos/echo/runs", "count=2&everyMs=10");
        assertThat(posted.statusCode()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/runs/[a-z0-9]{16}");
        String id = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(LIMIT).until(() -> history.findById(id).map(r -> r.getOutcome().isFinal()).orElse(false));
    }
}
