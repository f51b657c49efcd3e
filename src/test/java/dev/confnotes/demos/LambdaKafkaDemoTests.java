package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The aws-lambda-kafka demo: a queue against a partitioned log, consumed by Lambda-style pollers. */
class LambdaKafkaDemoTests {

    record Result(JsonNode summary, Map<String, JsonNode> groups, Set<String> coldStarted) {
    }

    static Result run(Map<String, Object> values) throws Exception {
        Map<String, Object> params = new HashMap<>(Map.of("durationSec", 3, "rate", 60, "seed", 42));
        params.putAll(values);
        try (DemoProcess proc = DemoProcess.start(DemoProcess.command("aws-lambda-kafka", params))) {
            JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(90));
            assertThat(done).as("no done line; stderr:\n" + proc.stderr()).isNotNull();
            assertThat(proc.waitFor(Duration.ofSeconds(10))).isZero();
            assertThat(proc.badLines).isEmpty();
            Map<String, JsonNode> groups = new HashMap<>();
            Set<String> cold = new HashSet<>();
            for (JsonNode n : proc.lines) {
                if ("row".equals(n.path("type").asString()) && "groups".equals(n.path("view").asString()))
                    groups.put(n.path("id").asString(), n.path("cells"));
                if ("coldStart".equals(n.path("kind").asString()))
                    assertThat(cold.add(n.path("fields").path("instance").asString())).as("one cold start per instance").isTrue();
            }
            return new Result(done.path("summary"), groups, cold);
        }
    }

    @Test
    void theQueueSplitsOrdersBetweenTwoGroupsAndTheLogGivesEachGroupEveryOrder() throws Exception {
        Result queue = run(Map.of("mode", "queue", "analytics", "start"));
        long produced = queue.summary().path("produced").asLong();
        assertThat(produced).isGreaterThan(100);
        assertThat(queue.summary().path("paymentsSharePct").asDouble()).isBetween(20.0, 80.0);
        long payments = queue.groups().get("payments").path("unique").asLong();
        long analytics = queue.groups().get("analytics").path("unique").asLong();
        assertThat(payments + analytics).as("every order went to exactly one of the two").isEqualTo(produced);
        assertThat(queue.summary().path("duplicates").asLong()).isZero();

        Result log = run(Map.of("mode", "log", "analytics", "start"));
        assertThat(log.summary().path("paymentsSharePct").asDouble()).isEqualTo(100.0);
        assertThat(log.summary().path("analyticsSharePct").asDouble()).isEqualTo(100.0);
        assertThat(log.groups().get("analytics").path("unique").asLong()).isEqualTo(log.summary().path("produced").asLong());
    }

    @Test
    void aGroupJoiningTheLogLateStillReadsEveryOrderFromTheEarliestOffset() throws Exception {
        Result late = run(Map.of("mode", "log", "analytics", "late"));
        assertThat(late.summary().path("analyticsSharePct").asDouble()).isEqualTo(100.0);
        assertThat(late.summary().path("drained").asBoolean()).isTrue();
    }

    @Test
    void concurrencyNeverExceedsThePartitionCountOnTheLogButDoesOnTheQueue() throws Exception {
        Map<String, Object> busy = Map.of("partitions", 2, "rate", 150, "keySkew", 0.5, "analytics", "none", "maxConcurrency", 6);
        Result log = run(withMode(busy, "log"));
        assertThat(log.summary().path("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(log.coldStarted()).as("never more instances than partitions while none is reaped").hasSizeLessThanOrEqualTo(2);

        Result queue = run(withMode(busy, "queue"));
        assertThat(queue.summary().path("maxConcurrency").asInt()).isGreaterThan(2);
        assertThat(queue.summary().path("concurrencyOverPartitions").asInt()).isPositive();
    }

    @Test
    void aVisibilityTimeoutShorterThanTheInvocationRedeliversMessages() throws Exception {
        // a batch of several records at 100 ms each outlives a 100 ms visibility timeout
        Result r = run(Map.of("mode", "queue", "analytics", "none", "visibilityTimeoutMs", 100, "workMs", 100, "rate", 40,
                "durationSec", 2));
        long produced = r.summary().path("produced").asLong();
        assertThat(r.summary().path("redeliveries").asLong()).isPositive();
        assertThat(r.summary().path("duplicates").asLong()).isPositive()
            .as("the redrive policy stops a message after five receives").isLessThanOrEqualTo(4 * produced);
        assertThat(r.groups().get("payments").path("unique").asLong()
                + r.summary().path("deadLettered").asLong()).as("at least once: nothing silently lost").isGreaterThanOrEqualTo(produced);
    }

    @Test
    void everyInstanceStartsColdInItsOwnClassLoaderAndAColdStartCostsMoreThanAWarmCall() throws Exception {
        Result r = run(Map.of("mode", "log", "partitions", 3, "analytics", "start"));
        assertThat(r.summary().path("coldStarts").asInt()).isEqualTo(r.coldStarted().size()).isGreaterThanOrEqualTo(2);
        assertThat(r.summary().path("coldStartMedianMs").asDouble() * 1000)
            .isGreaterThan(r.summary().path("warmCallMedianUs").asDouble());
    }

    static Map<String, Object> withMode(Map<String, Object> base, String mode) {
        Map<String, Object> m = new HashMap<>(base);
        m.put("mode", mode);
        return m;
    }
}
