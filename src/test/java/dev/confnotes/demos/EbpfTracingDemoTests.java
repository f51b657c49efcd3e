package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ebpf-tracing demo's mechanism: a probe that pairs entry and exit by carrier thread breaks once
 * virtual threads can come back on another carrier, while JFR's method trace and the virtual-thread-keyed
 * probe see every call.
 */
class EbpfTracingDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode run(Map<String, Object> params) throws Exception {
        if (proc != null) proc.close();
        proc = DemoRuns.runToDone("ebpf-tracing", params, Duration.ofSeconds(60));
        return DemoRuns.summary(proc);
    }

    @Test
    void carrierKeyedPairsHoldWithOneCarrierAndBreakWithFour() throws Exception {
        JsonNode one = run(Map.of("carriers", 1, "clients", 1, "background", 8, "durationSec", 4));
        assertTrue(one.path("calls").asLong() > 100, "calls " + one);
        assertEquals(1, one.path("carriersSeen").asInt(), one.toString());
        assertEquals(0, one.path("splitPairs").asLong(), one.toString());
        assertEquals(0, one.path("carrierWrong").asLong(), one.toString());
        assertTrue(DemoRuns.met("ebpf-tracing", one).contains("one-carrier"), one.toString());

        JsonNode four = run(Map.of("carriers", 4, "clients", 1, "background", 8, "durationSec", 4));
        assertTrue(four.path("carriersSeen").asInt() > 1, four.toString());
        assertTrue(four.path("splitPairs").asLong() > 0, four.toString());
        assertTrue(four.path("carrierWrong").asLong() > 0, four.toString());
        assertEquals(0, four.path("virtualWrong").asLong(), four.toString());
        assertTrue(DemoRuns.met("ebpf-tracing", four).contains("four-carriers"), four.toString());
    }

    @Test
    void jfrMethodTraceSeesEveryCallAndTheStall() throws Exception {
        JsonNode s = run(Map.of("carriers", 4, "clients", 2, "durationSec", 5, "stallEverySec", 1, "stallMs", 150));
        assertEquals(s.path("calls").asLong(), s.path("jfrEvents").asLong(), "JFR missed calls: " + s);
        // a stall holds every lookup that comes in during it: the slowest call waited most of the stall
        assertTrue(s.path("maxUs").asLong() >= 100_000, s.toString());
        assertTrue(s.path("stallsSeen").asInt() >= 2, s.toString());
        assertTrue(s.path("p50Us").asLong() < 1_000, "most calls are cache hits: " + s);
        assertTrue(DemoRuns.met("ebpf-tracing", s).contains("stall"), s.toString());
    }

    @Test
    void overlappingRequestsOverwriteThreadKeyedEntriesEvenOnOneCarrier() throws Exception {
        JsonNode s = run(Map.of("carriers", 1, "clients", 8, "background", 0, "durationSec", 4));
        assertEquals(0, s.path("splitPairs").asLong(), s.toString());
        assertTrue(s.path("overwritten").asLong() > 0, s.toString());
        assertTrue(s.path("carrierWrong").asLong() > 0, s.toString());
        assertEquals(0, s.path("virtualWrong").asLong(), s.toString());
    }

}
