package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        proc = DemoRuns.runToDone("profiling-and-tracing", params, Duration.ofSeconds(80));
        return DemoRuns.summary(proc);
    }

    JsonNode flame(String id) {
        return DemoRuns.flame(proc, id);
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
        assertTrue(DemoRuns.withFrame(flame("before"), "Queries.report") * 20 < before,
                "the report shows in the CPU profile: " + flame("report"));
        long lockSpans = proc.lines.stream()
            .filter(n -> "span".equals(n.path("type").asString()) && "lock-wait".equals(n.path("label").asString()))
            .filter(n -> n.path("end").asDouble() - n.path("start").asDouble() >= 20)
            .count();
        assertTrue(lockSpans > 0, "no long lock wait on the timeline");
        assertThat(DemoRuns.met("profiling-and-tracing", s)).contains("worst-is-not-hottest", "lock-on-timeline");
    }

    @Test
    void theDifferenceGraphShowsBoxedStringAggregationGoneAfterDictionaryEncoding() throws Exception {
        JsonNode s = run(Map.of("dictionary", true, "noBoxing", true, "presized", false, "lockRemoved", true,
                "durationSec", 10, "rowsK", 200, "seed", 42));
        assertEquals("revenue", s.path("topCpuTemplate").asString(), s.toString());
        assertTrue(s.path("topCpuAfterPct").asDouble() < 50, s.toString());
        assertTrue(DemoRuns.withFrame(flame("before"), "Operators.sumByStringBoxed") > 0, flame("before").toString());
        assertEquals(0, DemoRuns.withFrame(flame("after"), "Operators.sumByStringBoxed"), flame("after").toString());
        assertTrue(s.path("reportP99AfterMs").asDouble() < s.path("reportP99Ms").asDouble() / 10,
                "removing the lock did not shorten the report: " + s);
        assertThat(DemoRuns.met("profiling-and-tracing", s)).contains("diff-shows-the-gain");
    }

}
