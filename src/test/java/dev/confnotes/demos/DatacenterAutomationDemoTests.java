package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reconcile-loop demo over a fixed seed: the API server keeps Kubernetes' write semantics, the
 * level-triggered controller converges under dropped watch events where the edge-triggered one
 * drifts, a status write comes back as one more reconcile that the idempotent reconcile turns into
 * nothing, and a restart makes the edge handler reinstall machines that were already Ready.
 */
class DatacenterAutomationDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode run(Map<String, Object> overrides, List<String> byHand) throws Exception {
        if (proc != null) proc.close();
        var params = new HashMap<String, Object>(Map.of("seed", 42));
        params.putAll(overrides);
        proc = DemoProcess.start(DemoProcess.command("datacenter-automation", params, byHand));
        return proc.summary(Duration.ofSeconds(90));
    }

    static List<String> stepsMet(JsonNode summary) throws Exception {
        return DemoProcess.stepsMet("datacenter-automation", summary);
    }

    JsonNode run(Map<String, Object> overrides) throws Exception {
        return run(overrides, List.of());
    }

    @Test
    void apiServerRefusesStaleWritesKeepsGenerationForStatusAndDeletesWhatAnOwnerOwns() throws Exception {
        JsonNode s = run(Map.of(), List.of("--check=api"));
        assertEquals(409, s.path("staleWrite").asInt(), "an update based on an old resourceVersion: " + s);
        assertEquals(409, s.path("duplicateCreate").asInt());
        assertEquals(1, s.path("generationAfterStatusWrite").asInt(), "a status write left generation alone");
        assertEquals(2, s.path("generationAfterSpecWrite").asInt(), "a spec write bumped it");
        assertEquals(0, s.path("jobsLeftAfterOwnerDeleted").asInt(), "owned objects go with their owner");
        assertEquals(410, s.path("oldWatch").asInt(), "a watch from before the kept history is Gone");
        assertTrue(s.path("watchedChanges").asString().endsWith("DELETED BareMetalServer/bm-01; DELETED InstallJob/bm-01-g2-a1"),
                s.path("watchedChanges").asString());
    }

    @Test
    void levelTriggeredControllerConvergesUnderDroppedEventsAndEdgeTriggeredDrifts() throws Exception {
        Map<String, Object> lossy = Map.of("dropPercent", 30, "resyncSec", 4, "writers", 0, "durationSec", 24);
        JsonNode level = run(merge(lossy, Map.of("handler", "level")));
        assertTrue(level.path("eventsDropped").asInt() > 10, "the watch lost events: " + level);
        assertEquals(1, level.path("converged").asInt(), "level-triggered did not converge: " + level);
        assertTrue(level.path("resyncs").asInt() > 0);
        assertTrue(stepsMet(level).contains("level-converges"), level.toString());

        JsonNode edge = run(merge(lossy, Map.of("handler", "edge")));
        assertTrue(edge.path("eventsDropped").asInt() > 10, edge.toString());
        assertTrue(edge.path("drifted").asInt() > 0, "edge-triggered converged despite lost events: " + edge);
        assertTrue(edge.path("resyncs").asInt() > 0, "the resyncs came and changed nothing: " + edge);
        assertEquals(List.of("edge-drifts"), stepsMet(edge));
    }

    @Test
    void statusWriteTriggersAnotherReconcileThatAnIdempotentReconcileMakesHarmless() throws Exception {
        JsonNode idempotent = run(Map.of("handler", "level", "dropPercent", 0, "statusWrites", "when-changed", "durationSec", 14));
        assertEquals(1, idempotent.path("converged").asInt(), idempotent.toString());
        long self = idempotent.path("selfTriggeredReconciles").asLong();
        assertTrue(self >= idempotent.path("servers").asInt(), "every server's status writes came back as reconciles: " + idempotent);
        assertEquals(self, idempotent.path("selfTriggeredNoops").asLong(), "a reconcile set off by its own write found work: " + idempotent);
        assertEquals(0, idempotent.path("writesWhileConverged").asLong(), idempotent.toString());
        assertTrue(idempotent.path("coalescedReconciles").asLong() + idempotent.path("noopReconciles").asLong() > 0);
        assertTrue(stepsMet(idempotent).contains("status-write"), idempotent.toString());

        JsonNode stamping = run(Map.of("handler", "level", "dropPercent", 0, "statusWrites", "every-reconcile", "durationSec", 14));
        // each write sets off the next reconcile, which writes again: a loop that never goes quiet
        assertTrue(stamping.path("writesWhileConverged").asLong() > 20 * idempotent.path("servers").asLong(), stamping.toString());
        assertTrue(stamping.path("selfTriggeredReconciles").asLong() > 10 * self, stamping.toString());
        assertTrue(stamping.path("statusWrites").asLong() > 10 * idempotent.path("statusWrites").asLong(), stamping.toString());
        assertTrue(!stepsMet(stamping).contains("status-write"), stamping.toString());
    }

    @Test
    void restartMakesTheEdgeHandlerReinstallReadyServersAndTheLevelOneNot() throws Exception {
        Map<String, Object> crash = Map.of("crash", true, "dropPercent", 0, "durationSec", 20);
        JsonNode edge = run(merge(crash, Map.of("handler", "edge")));
        assertEquals(1, edge.path("crashes").asInt());
        assertTrue(edge.path("reinstallsOfReady").asInt() > 0, "the replayed adds re-ran provisioning: " + edge);
        JsonNode level = run(merge(crash, Map.of("handler", "level")));
        assertEquals(1, level.path("crashes").asInt());
        assertEquals(0, level.path("reinstallsOfReady").asInt(), level.toString());
        assertEquals(1, level.path("converged").asInt(), level.toString());
    }

    static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        var m = new HashMap<String, Object>(a);
        m.putAll(b);
        return m;
    }
}
