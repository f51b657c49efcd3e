package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The golang-adoption demo's mechanism: a watchdog that profiles after N breaches misses a spike that is
 * already over, while a dump of the always-on JFR recording still holds it.
 */
class GolangAdoptionDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode run(Map<String, Object> params) throws Exception {
        proc = DemoRuns.runToDone("golang-adoption", params, Duration.ofSeconds(80));
        return DemoRuns.summary(proc);
    }

    JsonNode capture(String id) {
        return DemoRuns.flame(proc, id);
    }

    @Test
    void aShortSpikeIsInTheLookBackDumpAndNotInTheProfileStartedAfterTheTrigger() throws Exception {
        JsonNode s = run(Map.of("incident", "cpu-spike", "spikeMs", 600, "durationSec", 10));
        assertEquals(1, s.path("triggered").asInt(), "the watchdog never fired: " + s);
        assertEquals("cpu", s.path("resource").asString());
        assertTrue(DemoRuns.withFrame(capture("look-back"), "Incident.cpuSpike") > 0, capture("look-back").toString());
        assertEquals(0, DemoRuns.withFrame(capture("after-trigger"), "Incident.cpuSpike"), capture("after-trigger").toString());
        assertEquals(1, s.path("lookbackHasIncident").asInt());
        assertEquals(0, s.path("afterTriggerHasIncident").asInt());
        assertThat(DemoRuns.met("golang-adoption", s)).contains("after-trigger-misses", "look-back-catches");
    }

    @Test
    void anOngoingLeakIsCaughtBothWays() throws Exception {
        JsonNode s = run(Map.of("incident", "leaking-cache", "durationSec", 14));
        assertEquals("heap", s.path("resource").asString(), s.toString());
        assertTrue(DemoRuns.withFrame(capture("look-back"), "Incident.leakCache") > 0);
        assertTrue(DemoRuns.withFrame(capture("after-trigger"), "Incident.leakCache") > 0);
        assertThat(DemoRuns.met("golang-adoption", s)).contains("ongoing-leak");
    }

    @Test
    void leakedThreadsTriggerOnTheThreadCountAndBothCapturesNameWhereTheyCameFrom() throws Exception {
        JsonNode s = run(Map.of("incident", "thread-leak", "durationSec", 12));
        assertEquals("threads", s.path("resource").asString(), s.toString());
        assertTrue(DemoRuns.withFrame(capture("look-back"), "Incident.leakThreads") > 0, "thread starts: " + capture("look-back"));
        assertTrue(DemoRuns.withFrame(capture("after-trigger"), "Incident.awaitReply") > 0, "thread dump: " + capture("after-trigger"));
    }

}
