package dev.confnotes.demos.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.confnotes.demos.TestDemosContext;
import dev.confnotes.demos.runner.Outcome;

/**
 * Records left "running" are failed only when no instance sharing the database can still be running
 * them: older than the longest time limit plus a margin, or this instance's own at start-up.
 */
@TestDemosContext
class StaleRunRecordsIntegrationTests {

    @Autowired
    RunRecords records;

    @Autowired
    DemoRunRepository history;

    @Autowired
    RunnerInstanceRepository instances;

    private DemoRun running(String id, Instant startedAt, String instance) {
        return history.save(new DemoRun(id, "echo", "{}", startedAt, instance));
    }

    private Outcome outcome(String id) {
        return history.findById(id).orElseThrow().getOutcome();
    }

    @Test
    void anotherInstancesLiveRunIsLeftAloneItsStaleOnesAndOurOwnAreFailed() {
        Instant now = Instant.now();
        running("staleaaaaaaaaaa1", now.minusSeconds(1), "another-instance");
        running("staleaaaaaaaaaa2", now.minus(Duration.ofHours(1)), "another-instance");
        running("staleaaaaaaaaaa3", now.minus(Duration.ofHours(1)), null);
        running("staleaaaaaaaaaa4", now.minusSeconds(1), records.instanceId());

        records.failStale(false, id -> false);
        assertThat(outcome("staleaaaaaaaaaa1")).isEqualTo(Outcome.RUNNING);
        assertThat(outcome("staleaaaaaaaaaa2")).isEqualTo(Outcome.FAILED);
        assertThat(outcome("staleaaaaaaaaaa3")).isEqualTo(Outcome.FAILED);
        assertThat(outcome("staleaaaaaaaaaa4")).as("the periodic sweep spares recent runs").isEqualTo(Outcome.RUNNING);

        records.failStale(true, id -> false);
        assertThat(outcome("staleaaaaaaaaaa1")).isEqualTo(Outcome.RUNNING);
        assertThat(outcome("staleaaaaaaaaaa4")).isEqualTo(Outcome.FAILED);
        assertThat(history.findById("staleaaaaaaaaaa4").orElseThrow().getReason())
            .isEqualTo("the server stopped during the run");
        history.deleteAllById(List.of("staleaaaaaaaaaa1", "staleaaaaaaaaaa2", "staleaaaaaaaaaa3",
                "staleaaaaaaaaaa4"));
    }

    @Test
    void aRunOfAnInstanceWhoseProcessOnThisHostEndedIsClosedAtOnceWithItsLastHeartbeat() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Instant lastBeat = Instant.now().minusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        instances.save(new RunnerInstance("killedinstance01", java.net.InetAddress.getLocalHost().getHostName(),
                gone.pid(), Instant.now().minusSeconds(60), lastBeat));
        instances.save(new RunnerInstance("liveelsewhere001", "another-host", 1, Instant.now(), Instant.now()));
        instances.save(new RunnerInstance("silentelsewhere", "another-host", 1, Instant.now(),
                Instant.now().minus(Duration.ofMinutes(5))));
        running("stalebbbbbbbbbb1", lastBeat.minusSeconds(10), "killedinstance01");
        running("stalebbbbbbbbbb2", Instant.now().minusSeconds(10), "liveelsewhere001");
        running("stalebbbbbbbbbb3", Instant.now().minus(Duration.ofMinutes(6)), "silentelsewhere");
        try {
            records.failStale(true, id -> false);

            DemoRun killed = history.findById("stalebbbbbbbbbb1").orElseThrow();
            assertThat(killed.getOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(killed.getEndedAt()).isEqualTo(lastBeat);
            assertThat(killed.getReason()).isEqualTo(RunRecords.SERVER_STOPPED);
            assertThat(outcome("stalebbbbbbbbbb2")).as("an instance that still beats keeps its runs").isEqualTo(Outcome.RUNNING);
            assertThat(outcome("stalebbbbbbbbbb3")).as("an instance silent past the lease is gone").isEqualTo(Outcome.FAILED);
            assertThat(history.findById("stalebbbbbbbbbb3").orElseThrow().getEndedAt()).isNotNull();
        }
        finally {
            history.deleteAllById(List.of("stalebbbbbbbbbb1", "stalebbbbbbbbbb2", "stalebbbbbbbbbb3"));
            instances.deleteAllById(List.of("killedinstance01", "liveelsewhere001", "silentelsewhere"));
        }
    }
}
