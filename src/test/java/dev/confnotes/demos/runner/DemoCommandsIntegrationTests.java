package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.TestDemosContext;

/** Commands to a run's stdin: only the manifest's, never blocking a server thread, refused once the run ended. */
@TestDemosContext
class DemoCommandsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    @Autowired
    DemoCatalog catalog;

    DemoTestSupport client;

    Process process;

    @BeforeEach
    void setUp() {
        client = new DemoTestSupport(port);
    }

    @AfterEach
    void tidy() {
        if (process != null) {
            process.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.liveCount() == 0);
    }

    private String startRunning(String demo, String json) throws Exception {
        String id = client.startRun(demo, json);
        await().atMost(Duration.ofSeconds(15)).until(() -> runner.find(id).orElseThrow().outcome() == Outcome.RUNNING);
        return id;
    }

    private Run fakeRun(Process process) {
        this.process = process;
        Run run = new Run("fake" + System.nanoTime() % 1_000_000_000_000L, catalog.find("sleeper").orElseThrow(), Map.of(),
                Instant.now());
        run.process = process;
        return run;
    }

    @Test
    void cancelIsRefusedWhenTheManifestDoesNotListIt() throws Exception {
        String id = startRunning("sleeper", "{\"children\": 0}");
        HttpResponse<String> cancel = client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"cancel\"}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(400);
        client.postJson("/api/runs/" + id + "/cancel", "");
    }

    @Test
    void aDemoWithoutCommandsAnswers409() throws Exception {
        String id = startRunning("echo", "{\"count\": 50, \"everyMs\": 1000}");
        HttpResponse<String> command = client.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"cancel\"}");
        assertThat(command.statusCode()).as(command.body()).isEqualTo(409);
        client.postJson("/api/runs/" + id + "/cancel", "");
    }

    @Test
    void commandsToAProgramThatNeverReadsStdinAreRefusedInsteadOfBlocking() throws Exception {
        Run run = fakeRun(new ProcessBuilder("sleep", "60").start());
        String command = "{\"cmd\":\"ping\",\"pad\":\"" + "x".repeat(1000) + "\"}";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            boolean refused = false;
            for (int i = 0; i < 300 && !refused; i++) {
                try {
                    runner.send(run, command);
                }
                catch (CommandWriter.BacklogException ex) {
                    refused = true;
                }
            }
            assertThat(refused).as("a full queue refuses commands").isTrue();
        });
    }

    @Test
    void aClosedStdinAnswersRunHasEndedNotAnError() throws Exception {
        Run run = fakeRun(new ProcessBuilder("sh", "-c", "exec 0<&-; sleep 60").start());
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> {
                try {
                    runner.send(run, "{\"cmd\":\"ping\"}");
                    return false;
                }
                catch (IllegalStateException ex) {
                    return ex.getMessage().equals("run has ended");
                }
            }));
        assertThatThrownBy(() -> runner.send(run, "{\"cmd\":\"ping\"}")).isInstanceOf(IllegalStateException.class)
            .hasMessage("run has ended");
    }
}
