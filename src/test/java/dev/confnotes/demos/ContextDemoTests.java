package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ContextDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    static boolean node(JsonNode n, String id, String state) {
        return "node".equals(n.path("type").asString()) && id.equals(n.path("id").asString()) && state.equals(n.path("state").asString());
    }

    @Test
    void cancelMiddleNodeCancelsItsSubtreeOnly() throws Exception {
        // n1 handler, n2 db.Query, n3 cache.Get (child of n2), n4 audit.Write (WithoutCancel), n5 metrics.Push
        proc = DemoProcess.start(DemoProcess.command("context", Map.of("shape", "fanout", "mode", "go", "timeoutMs", 20000, "workMs", 6000)));
        assertNotNull(proc.await(n -> node(n, "n3", "running"), Duration.ofSeconds(30)), "n3 never ran\n" + proc.stderr());
        proc.send("{\"cmd\":\"cancel\",\"node\":\"n2\"}");
        JsonNode n2 = proc.await(n -> "n2".equals(n.path("id").asString()) && !"running".equals(n.path("state").asString()), Duration.ofSeconds(10));
        assertNotNull(n2);
        assertEquals("canceled", n2.path("state").asString());
        assertEquals("context canceled", n2.path("err").asString());
        assertEquals("canceled by user", n2.path("cause").asString());
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(20));
        assertNotNull(done, "no done\n" + proc.stderr());
        assertEquals("context canceled", last(proc, "n3").path("err").asString(), "subtree canceled");
        assertEquals("canceled by user", last(proc, "n3").path("cause").asString());
        assertEquals("done", last(proc, "n4").path("state").asString(), "WithoutCancel sibling finished");
        assertEquals(0, proc.waitFor(Duration.ofSeconds(10)));
    }

    @Test
    void unknownNodeGivesWarningAndRunFinishes() throws Exception {
        proc = DemoProcess.start(DemoProcess.command("context", Map.of("shape", "workers", "timeoutMs", 8000, "workMs", 4000, "workers", 2)));
        assertNotNull(proc.await(n -> "node".equals(n.path("type").asString()), Duration.ofSeconds(30)));
        proc.send("{\"cmd\":\"cancel\",\"node\":\"n42\"}");
        proc.send("not json");
        JsonNode w = proc.await(n -> "warning".equals(n.path("kind").asString()), Duration.ofSeconds(10));
        assertNotNull(w, "no warning");
        // the warnings may come before or after the last node: done is the last line either way
        assertEquals(0, proc.waitFor(Duration.ofSeconds(20)), "run did not finish\n" + proc.stderr());
        assertEquals("done", proc.lines.getLast().path("type").asString(), "done is last");
    }

    /** A node's last line: its outcome. */
    static JsonNode last(DemoProcess proc, String id) {
        return proc.lines.stream().filter(n -> "node".equals(n.path("type").asString()) && id.equals(n.path("id").asString()))
            .reduce((a, b) -> b).orElseThrow();
    }
}
