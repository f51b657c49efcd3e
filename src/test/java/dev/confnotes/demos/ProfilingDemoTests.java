package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The profiling-and-tracing demo's mechanism over a fixed seed: the profile (JFR CPU samples) and the trace
 * (JFR query events) answer different questions, and the before/after flame graphs show what changed.
 */
class ProfilingDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode run(Map<String, Object> params) throws Exception {
        proc = DemoSteps.runToDone("profiling-and-tracing", params, Duration.ofSeconds(80));
        return DemoSteps.summary(proc);
    }

    /** The last snapshot of one flame id: its stacks and their counts. */
    JsonNode flame(String id) {
        JsonNode last = null;
        for (JsonNode n : proc.lines) {
            if ("snapshot".equals(n.path("type").asString()) && id.equals(n.path("id").asString())) last = n;
        }
        assertNotNull(last, "no flame snapshot " + id);
        return last.path("data").path("stacks");
    }

    static long samplesWithFrame(JsonNode stacks, String frame) {
        long n = 0;
        for (var e : stacks.properties()) {
            if (java.util.List.of(e.getKey().split(";")).contains(frame)) n += e.getValue().asLong();
        }
        return n;
    }

    @Test
    void theWorstP99IsALockWaitTheTimelineShowsAndTheCpuProfileDoesNot() throws Exception {
        JsonNode s = run(Map.of("dictionary", false, "noBoxing", false, "presized", false, "lockRemoved", false,
                "durationSec", 10, "rowsK", 200, "seed", 42));
        assertEquals("report", s.path("worstP99Template").asString(), s.toString());
        assertNotEquals("report", s.path("topCpuTemplate").asString(), s.toString());
        assertEquals(0, s.path("worstP99IsTopCpu").asInt());
        assertTrue(s.path("reportCpuPct").asDouble() < 5, s.toString());
        assertTrue(s.path("lockWaits").asLong() > 0, "JFR saw no monitor wait: " + s);

        long before = 0;
        for (var e : flame("before").properties()) before += e.getValue().asLong();
        assertTrue(before > 50, "too few CPU samples to judge: " + before);
        assertTrue(samplesWithFrame(flame("before"), "Queries.report") * 20 < before,
                "the report shows in the CPU profile: " + flame("report"));
        long lockSpans = proc.lines.stream()
            .filter(n -> "span".equals(n.path("type").asString()) && "lock-wait".equals(n.path("label").asString()))
            .filter(n -> n.path("end").asDouble() - n.path("start").asDouble() >= 20)
            .count();
        assertTrue(lockSpans > 0, "no long lock wait on the timeline");
        assertThat(DemoSteps.met("profiling-and-tracing", s)).contains("worst-is-not-hottest", "lock-on-timeline");
    }

    @Test
    void theDifferenceGraphShowsBoxedStringAggregationGoneAfterDictionaryEncoding() throws Exception {
        JsonNode s = run(Map.of("dictionary", true, "noBoxing", true, "presized", false, "lockRemoved", true,
                "durationSec", 10, "rowsK", 200, "seed", 42));
        assertEquals("revenue", s.path("topCpuTemplate").asString(), s.toString());
        assertTrue(s.path("topCpuAfterPct").asDouble() < 50, s.toString());
        assertTrue(samplesWithFrame(flame("before"), "Operators.sumByStringBoxed") > 0, flame("before").toString());
        assertEquals(0, samplesWithFrame(flame("after"), "Operators.sumByStringBoxed"), flame("after").toString());
        assertTrue(s.path("reportP99AfterMs").asDouble() < s.path("reportP99Ms").asDouble() / 10,
                "removing the lock did not shorten the report: " + s);
        assertThat(DemoSteps.met("profiling-and-tracing", s)).contains("diff-shows-the-gain");
    }

}
