package dev.confnotes.demos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Outcome;
import dev.confnotes.demos.runner.Run;

/**
 * A shared demo ({@code test-demos/ticker}): a reload joins the shared run whatever its values, only an
 * explicit start with other values replaces it, and live viewers follow the replacement.
 */
@TestDemosContext
class SharedDemoIntegrationTests {

    private static final Duration LIMIT = Duration.ofSeconds(30);

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
    void endSharedRun() {
        runner.currentShared("ticker").ifPresent(runner::cancel);
        await().atMost(LIMIT).until(() -> runner.liveCount() == 0);
    }

    private String start(String json) throws Exception {
        return client.startRun("ticker", json);
    }

    private static String runId(DemoTestSupport.Sse run) {
        return DemoTestSupport.field(run.data(), "id");
    }

    @Test
    void liveJoinsTheSharedRunWhateverItsValues() throws Exception {
        String custom = start("{\"count\": 150, \"everyMs\": 50}");
        List<DemoTestSupport.Sse> first = client.read("/demos/ticker/live", null, m -> m.event().equals("metric"),
                LIMIT);
        assertThat(first.getFirst().event()).isEqualTo("run");
        assertThat(runId(first.getFirst())).isEqualTo(custom);
        // a second "page load" still joins it, and it keeps going
        List<DemoTestSupport.Sse> second = client.read("/demos/ticker/live", null, m -> m.event().equals("metric"),
                LIMIT);
        assertThat(runId(second.getFirst())).isEqualTo(custom);
        assertThat(runner.find(custom).orElseThrow().outcome().isFinal()).isFalse();
        assertThat(runner.currentShared("ticker")).map(r -> r.id).contains(custom);
    }

    @Test
    void liveViewersFollowAReplacementInsteadOfEnding() throws Exception {
        String before = start("{\"count\": 150, \"everyMs\": 50}");
        CompletableFuture<List<DemoTestSupport.Sse>> viewer = CompletableFuture.supplyAsync(() -> {
            try {
                int[] runs = { 0 };
                return client.read("/demos/ticker/live", null, m -> m.event().equals("end")
                        || m.event().equals("run") && ++runs[0] == 2, LIMIT);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().atMost(LIMIT).until(() -> runner.find(before).orElseThrow().viewers() >= 1);
        String after = start("{\"count\": 150, \"everyMs\": 60}");
        assertThat(after).isNotEqualTo(before);
        List<DemoTestSupport.Sse> got = viewer.get();
        assertThat(got).extracting(DemoTestSupport.Sse::event).doesNotContain("end");
        assertThat(got.getLast().event()).isEqualTo("run");
        assertThat(runId(got.getLast())).isEqualTo(after);
        assertThat(got.stream().filter(m -> m.id() != null).map(m -> DemoTestSupport.runOf(m.id())))
            .containsOnly(before);
        assertThat(runner.find(before).orElseThrow().outcome()).isEqualTo(Outcome.CANCELED);
    }

    @Test
    void lastEventIdOfAnotherRunIsIgnored() throws Exception {
        String current = start("{\"count\": 150, \"everyMs\": 50}");
        await().atMost(LIMIT).until(() -> runner.find(current).orElseThrow().events().stream()
            .filter(e -> e.type().equals("metric")).count() >= 5);
        List<DemoTestSupport.Sse> got = client.read("/demos/ticker/live", "zzzzzzzzzzzzzzzz:4",
                m -> m.event().equals("metric"), LIMIT);
        assertThat(got.getLast().data()).contains("\"n\":1");
        assertThat(DemoTestSupport.runOf(got.getLast().id())).isEqualTo(current);
        // its own run's id resumes
        List<DemoTestSupport.Sse> resumed = client.read("/demos/ticker/live", current + ":4",
                m -> m.event().equals("metric"), LIMIT);
        assertThat(DemoTestSupport.seq(resumed.getLast().id())).isGreaterThan(4);
    }

    @Test
    void resumeAfterReadsOnlyThisRunsIds() {
        Run run = new Run("aaaaaaaaaaaaaaaa", null, Map.of(), Instant.now());
        assertThat(RunStreams.resumeAfter(run, "aaaaaaaaaaaaaaaa:7", false)).isEqualTo(7);
        assertThat(RunStreams.resumeAfter(run, "bbbbbbbbbbbbbbbb:7", true)).isZero();
        assertThat(RunStreams.resumeAfter(run, "7", true)).isEqualTo(7);
        assertThat(RunStreams.resumeAfter(run, "7", false)).isZero();
        assertThat(RunStreams.resumeAfter(run, "aaaaaaaaaaaaaaaa:x", true)).isZero();
        assertThat(RunStreams.resumeAfter(run, null, true)).isZero();
    }
}
