package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.history.DemoRun;
import dev.confnotes.demos.history.DemoRunRepository;

/** The runner against real child JVMs: limits, heap cap, cancel, the bound on runs at once. */
@TestDemosContext
class DemoRunnerIntegrationTests {

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

    @AfterEach
    void noRunLeft() {
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.liveCount() == 0);
    }

    private String start(String demo, String json) throws Exception {
        HttpResponse<String> created = client.postJson("/api/demos/" + demo + "/runs", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).isPresent();
        return DemoTestSupport.field(created.body(), "id");
    }

    private DemoRun ended(String id) {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> history.findById(id).map(r -> r.getOutcome().isFinal()).orElse(false));
        return history.findById(id).orElseThrow();
    }

    @Test
    void runPastItsTimeLimitIsKilledAsTimedOut() throws Exception {
        String id = start("sleeper", "{\"children\": 0}");
        DemoRun run = ended(id);
        assertThat(run.getOutcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(run.getReason()).contains("time limit");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void programAllocatingPastItsHeapCapFailsNamingOutOfMemoryError() throws Exception {
        String id = start("hog", "{}");
        DemoRun run = ended(id);
        assertThat(run.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.getReason()).contains("OutOfMemoryError");
    }

    @Test
    void cancelLeavesNoProcessBehind() throws Exception {
        String id = start("sleeper", "{\"children\": 2}");
        await().atMost(Duration.ofSeconds(15))
            .until(() -> runner.find(id).orElseThrow().events().stream().anyMatch(e -> e.json().contains("\"started\"")));
        // the run's own tree, recorded before cancelling: the server's descendants() cannot see orphans that
        // were re-parented away, so checking those afterwards would pass even if they lived on
        ProcessHandle root = runner.find(id).orElseThrow().process.toHandle();
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.descendants().toList());
        tree.add(root);
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3).allMatch(ProcessHandle::isAlive);
        HttpResponse<String> canceled = client.postJson("/api/runs/" + id + "/cancel", "");
        assertThat(canceled.statusCode()).isEqualTo(202);
        DemoRun run = ended(id);
        assertThat(run.getOutcome()).isEqualTo(Outcome.CANCELED);
        try {
            // each recorded process is gone (a handle is alive only with its pid and its start time)
            await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        }
        finally {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void childrenOrphanedWhenTheProgramExitedAreKilledWhenTheRunEnds() throws Exception {
        String id = start("orphaner", "{}");
        await().atMost(Duration.ofSeconds(15))
            .until(() -> runner.find(id).orElseThrow().events().stream().anyMatch(e -> e.json().contains("\"started\"")));
        String pids = runner.find(id).orElseThrow().events().stream().filter(e -> e.json().contains("\"started\""))
            .map(e -> DemoTestSupport.field(e.json(), "msg")).findFirst().orElseThrow();
        List<ProcessHandle> children = java.util.Arrays.stream(pids.split(",")).map(Long::parseLong)
            .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
        assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);
        try {
            DemoRun run = ended(id);
            assertThat(run.getOutcome()).isEqualTo(Outcome.FINISHED);
            await().atMost(Duration.ofSeconds(5)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
        finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A daemon's pid, once the daemonizer says it started one (its parent exited, so it left the run's tree). */
    private ProcessHandle daemonOf(String id) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> runner.find(id).orElseThrow().events().stream().anyMatch(e -> e.json().contains("\"started\"")));
        String pid = runner.find(id).orElseThrow().events().stream().filter(e -> e.json().contains("\"started\""))
            .map(e -> DemoTestSupport.field(e.json(), "msg")).findFirst().orElseThrow();
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        assertThat(daemon.isAlive()).isTrue();
        assertThat(daemon.parent().map(ProcessHandle::pid)).as("re-parented to the run's JVM, its subreaper")
            .hasValue(runner.find(id).orElseThrow().process.pid());
        return daemon;
    }

    @Test
    void aDaemonAProgramLeftBehindEndsWhenTheRunFinishes() throws Exception {
        String id = start("daemonizer", "{\"holdMs\": 1000}");
        ProcessHandle daemon = daemonOf(id);
        try {
            assertThat(ended(id).getOutcome()).isEqualTo(Outcome.FINISHED);
            await().atMost(Duration.ofSeconds(3)).until(() -> !daemon.isAlive());
        }
        finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void aDaemonEndsWhenItsRunIsCanceledOrTimesOut() throws Exception {
        String canceled = start("daemonizer", "{\"holdMs\": 60000}");
        String timedOut = start("daemonizer", "{\"holdMs\": 60000}");
        ProcessHandle first = daemonOf(canceled);
        ProcessHandle second = daemonOf(timedOut);
        try {
            assertThat(client.postJson("/api/runs/" + canceled + "/cancel", "").statusCode()).isEqualTo(202);
            assertThat(ended(canceled).getOutcome()).isEqualTo(Outcome.CANCELED);
            await().atMost(Duration.ofSeconds(3)).until(() -> !first.isAlive());
            assertThat(ended(timedOut).getOutcome()).isEqualTo(Outcome.TIMED_OUT);
            await().atMost(Duration.ofSeconds(3)).until(() -> !second.isAlive());
        }
        finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }

    @Test
    void commandsReachTheProgramAndUnknownCommandsAreRefused() throws Exception {
        String id = start("sleeper", "{\"children\": 0}");
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.find(id).orElseThrow().outcome() == Outcome.RUNNING);
        assertThat(client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"ping\"}").statusCode()).isEqualTo(202);
        assertThat(client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"rm -rf\"}").statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/runs/" + id + "/commands", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"ping\",\"pad\":\"" + "x".repeat(1100) + "\"}")
            .statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> runner.find(id).orElseThrow().events().stream().anyMatch(e -> e.json().contains("\"stdin\"")));
        client.postJson("/api/runs/" + id + "/cancel", "");
        ended(id);
    }

    @Test
    void startingPastTheBoundAnswers429WithRetryAfter() throws Exception {
        String first = start("sleeper", "{\"children\": 0}");
        String second = start("sleeper", "{\"children\": 0}");
        HttpResponse<String> third = client.postJson("/api/demos/sleeper/runs", "{\"children\": 0}");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("7");
        HttpResponse<String> plain = client.postForm("/demos/sleeper/runs", "children=0");
        assertThat(plain.statusCode()).isEqualTo(429);
        // htmx swaps no 4xx answer: it gets the panel with a visible note, 200 and Retry-After
        HttpResponse<String> htmx = client.postForm("/demos/sleeper/runs", "children=0", true);
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(htmx.body()).contains("demo-inner").contains("demo-busy-note").contains("7");
        for (String id : List.of(first, second)) {
            client.postJson("/api/runs/" + id + "/cancel", "");
        }
        ended(first);
        ended(second);
    }
}
