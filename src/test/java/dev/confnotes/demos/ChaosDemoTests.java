package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The open-source-in-go chaos experiment against its real loopback app, over a fixed seed. */
class ChaosDemoTests {

    /** Short phases; the hypothesis bounds are the manifest's unless a test sets them. */
    static JsonNode run(Map<String, Object> values) throws Exception {
        Map<String, Object> params = new HashMap<>(Map.of("steadySec", 2, "chaosSec", 3, "recoverySec", 2, "seed", 42));
        params.putAll(values);
        try (DemoProcess proc = DemoProcess.start(DemoProcess.command("open-source-in-go", params))) {
            JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(60));
            assertThat(done).as("no done line; stderr:\n" + proc.stderr()).isNotNull();
            assertThat(proc.waitFor(Duration.ofSeconds(10))).isZero();
            assertThat(proc.badLines).isEmpty();
            return done.path("summary");
        }
    }

    static String text(JsonNode summary, String key) {
        return summary.path(key).asString();
    }

    @Test
    void latencyFaultFailsTheHypothesisWithNoErrorsAndAClientTimeoutTurnsItIntoVisibleFailures() throws Exception {
        // 600 ms on one replica against a 300 ms bound: half the checkouts are slow, none fails
        JsonNode slow = run(Map.of("fault", "latency", "latencyMs", 600, "p99BoundMs", 300, "timeoutMs", 0, "retries", 1));
        assertThat(text(slow, "verdict")).isEqualTo("Fail");
        assertThat(slow.path("chaosErrors").asLong()).isZero();
        assertThat(slow.path("chaosP99Ms").asDouble()).isGreaterThanOrEqualTo(600);
        assertThat(slow.path("maxInFlight").asInt()).as("slow calls pile up in flight").isGreaterThanOrEqualTo(5);

        JsonNode cut = run(Map.of("fault", "latency", "latencyMs", 600, "p99BoundMs", 300, "timeoutMs", 100, "retries", 0));
        assertThat(text(cut, "verdict")).isEqualTo("Fail");
        assertThat(cut.path("chaosRequests").asLong()).as("the experiment reached its chaos phase").isPositive();
        // about the slow replica's half; on a busy machine some calls to the fast one time out as well
        assertThat(cut.path("chaosErrorPct").asDouble()).isBetween(25.0, 90.0);
        assertThat(cut.path("chaosP99Ms").asDouble()).as("a timed-out call fails fast").isLessThan(600);
    }

    @Test
    void killingOneReplicaPassesThanksToRetriesAndFailsWithout() throws Exception {
        // a generous latency bound: this test is about errors, not about how busy the machine is
        JsonNode retried = run(Map.of("fault", "kill", "blastRadius", "one", "retries", 1, "p99BoundMs", 1500));
        assertThat(text(retried, "verdict")).isEqualTo("Pass");
        assertThat(retried.path("resilienceScore").asInt()).isEqualTo(100);
        assertThat(retried.path("chaosErrors").asLong()).isZero();
        assertThat(retried.path("retriesMade").asLong()).isPositive();

        JsonNode bare = run(Map.of("fault", "kill", "blastRadius", "one", "retries", 0, "p99BoundMs", 1500));
        assertThat(text(bare, "verdict")).isEqualTo("Fail");
        assertThat(bare.path("chaosRequests").asLong()).isPositive();
        assertThat(bare.path("chaosErrorPct").asDouble()).isBetween(25.0, 75.0);
        assertThat(bare.path("resilienceScore").asInt()).isBetween(1, 99);
    }

    @Test
    void killingBothReplicasFailsEvenWithRetries() throws Exception {
        JsonNode all = run(Map.of("fault", "kill", "blastRadius", "all", "retries", 3, "p99BoundMs", 1500));
        assertThat(text(all, "verdict")).isEqualTo("Fail");
        assertThat(all.path("chaosErrorPct").asDouble()).isGreaterThan(90);
    }
}
