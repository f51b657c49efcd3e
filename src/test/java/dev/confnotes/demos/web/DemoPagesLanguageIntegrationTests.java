package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.history.DemoRunRepository;
import dev.confnotes.demos.runner.RunReason;

/**
 * What the app itself says about a run is in the page's language: the reason it ended (on the run page and in
 * the live status event), the history page's parameters (label: value, not JSON) and its times (an ISO instant
 * the page script writes in the reader's zone), the replay page's title and parameter labels.
 */
@TestDemosContext
class DemoPagesLanguageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoRunRepository history;

    DemoTestSupport client;

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    private String canceledRun() throws Exception {
        String id = client.startRun("echo", "{\"count\": 50, \"everyMs\": 1000, \"mode\": \"loud\"}");
        assertThat(client.postJson("/api/runs/" + id + "/cancel", "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> history.findById(id).map(r -> r.getOutcome().isFinal()).orElse(false));
        return id;
    }

    @Test
    void aCanceledRunSaysWhyInThePagesLanguage() throws Exception {
        String id = canceledRun();

        assertThat(client.get("/runs/" + id + "?lang=en").body()).contains("canceled by a viewer", "Run · Echo",
                "<dt>Count</dt>", "data-state=\"canceled\"");
        assertThat(client.get("/runs/" + id).body()).contains("보던 사람이 취소했습니다", "실행 · 에코", "<dt>개수</dt>")
            .doesNotContain("canceled by a viewer");
        List<DemoTestSupport.Sse> events = client.read("/runs/" + id + "/events?lang=en", null,
                sse -> "end".equals(sse.event()), Duration.ofSeconds(20));
        assertThat(events).filteredOn(sse -> "status".equals(sse.event())).last().extracting(DemoTestSupport.Sse::data)
            .asString().contains("canceled by a viewer");
        // the API keeps the recorded sentence, whatever the reader's language
        assertThat(client.get("/api/runs/" + id).body()).contains("\"reason\":\"canceled by a viewer\"");
    }

    @Test
    void theHistoryListsParametersByLabelAndTimesAsInstants() throws Exception {
        canceledRun();

        String en = client.get("/demos/echo/runs?lang=en").body();
        assertThat(en).contains("Count:", "canceled by a viewer").containsPattern("<time data-local datetime=\"20\\d\\d-");
        assertThat(en).as("no raw JSON of the parameters").doesNotContain("{&quot;count&quot;").doesNotContain("{\"count\"");
        assertThat(client.get("/demos/echo/runs").body()).contains("개수:", "보던 사람이 취소했습니다");
    }

    @Test
    void everyReasonTheRunnerRecordsHasAMessageKeyWithItsNumbers() {
        assertThat(RunReason.words(RunReason.TIME_LIMIT.text(60)).key()).isEqualTo("demo.reason.timeLimit");
        assertThat(RunReason.words(RunReason.TIME_LIMIT.text(60)).args()).startsWith("60");
        assertThat(RunReason.words("exit code 3: boom").args()).startsWith("3", "boom");
        assertThat(RunReason.words("java.lang.OutOfMemoryError: Java heap space").key())
            .isEqualTo("demo.reason.outOfMemory");
        assertThat(RunReason.words("no /proc here").key()).as("a program's own words stay as they are")
            .isEqualTo("demo.reason.other");
        for (RunReason reason : RunReason.values()) {
            assertThat(RunReason.words(reason.text("1")).key()).as(reason.name()).isEqualTo(
                    RunReason.words(reason.text("1")).key());
        }
    }
}
