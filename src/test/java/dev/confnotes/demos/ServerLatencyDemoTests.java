package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The latency demo's mechanisms over a fixed seed: the comparator, the waterfall's overlap, the calls lazy evaluation saves. */
class ServerLatencyDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode runToDone(Map<String, Object> params) throws Exception {
        var all = new LinkedHashMap<String, Object>(Map.of("seed", 42, "requests", 20));
        all.putAll(params);
        proc = DemoProcess.start(DemoProcess.command("server-latency-500x", all));
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(90));
        assertNotNull(done, "no done\n" + proc.stderr());
        assertEquals(0, proc.waitFor(Duration.ofSeconds(10)));
        assertTrue(proc.badLines.isEmpty(), "stdout holds only protocol lines: " + proc.badLines);
        return done.path("summary");
    }

    @Test
    void comparatorFindsThePlantedByteThatTheUnitTestsMiss() throws Exception {
        JsonNode s = runToDone(Map.of("strategy", "lazy", "bug", true));
        assertEquals(0, s.path("unitTestsFailed").asInt(), "the planted bug passes every unit test");
        assertTrue(s.path("unitTestsPassed").asInt() > 0);
        assertTrue(s.path("diffs").asInt() > 0, "the comparator catches it: " + s);
        assertEquals("differs", s.path("verdict").asString());
        JsonNode diff = proc.lines.stream().filter(n -> "diff".equals(n.path("kind").asString())).findFirst().orElseThrow();
        JsonNode f = diff.path("fields");
        assertEquals(s.path("firstDiffOffset").asInt(), f.path("offset").asInt());
        String legacy = f.path("legacyLine").asString(), rewrite = f.path("rewriteLine").asString();
        assertEquals(legacy.length(), rewrite.length(), legacy + " / " + rewrite);
        int differing = 0;
        for (int i = 0; i < legacy.length(); i++) if (legacy.charAt(i) != rewrite.charAt(i)) differing++;
        assertEquals(1, differing, "one byte apart: " + legacy + " / " + rewrite);
        assertTrue(legacy.contains("class=\"price\""), "the difference is in a discounted price: " + legacy);
        assertNotEquals(f.path("expected").asString(), f.path("actual").asString());
        assertTrue(DemoProcess.manifest("server-latency-500x").stepsMetBy(DemoProcess.JSON.convertValue(s, Map.class)).contains("byte"),
                "the guided step ticks on this run");
    }

    @Test
    void withoutTheBugTheRewriteMatchesTheLegacyByteForByte() throws Exception {
        JsonNode s = runToDone(Map.of("strategy", "parallel", "bug", false, "failPercent", 20));
        assertEquals(0, s.path("diffs").asInt(), "the same bytes, error pages included: " + s);
        assertEquals(-1, s.path("firstDiffOffset").asInt());
        assertTrue(s.path("errorPages").asInt() > 0, "some requests took the error path: " + s);
    }

    @Test
    void legacyCallsAddUpWhileParallelCallsOverlap() throws Exception {
        runToDone(Map.of("strategy", "parallel"));
        Map<String, JsonNode> roots = new LinkedHashMap<>();
        Map<String, List<JsonNode>> children = new LinkedHashMap<>();
        for (JsonNode n : proc.lines) {
            if (!"span".equals(n.path("type").asString())) continue;
            if (n.path("parent").isNull()) roots.put(n.path("id").asString(), n);
            else children.computeIfAbsent(n.path("parent").asString(), k -> new ArrayList<>()).add(n);
        }
        assertTrue(roots.size() >= 4, "waterfalls sent: " + roots.keySet());
        int legacyRoots = 0;
        for (var root : roots.values()) {
            List<JsonNode> calls = children.getOrDefault(root.path("id").asString(), List.of());
            assertTrue(!calls.isEmpty(), "a request makes calls");
            for (JsonNode c : calls) {
                assertTrue(c.path("end").asDouble() <= root.path("end").asDouble() + 0.01, "a call ends inside its request");
            }
            if ("legacy".equals(root.path("lane").asString())) {
                legacyRoots++;
                assertEquals(0, overlaps(calls), "the legacy server makes one call at a time");
            }
            else if (calls.size() > 2) {
                assertTrue(overlaps(calls) > 0, "the parallel rewrite's calls overlap: " + calls);
            }
        }
        assertTrue(legacyRoots > 0);
    }

    @Test
    void lazyCallsSkipTheSectionsAPageDoesNotUse() throws Exception {
        JsonNode lazy = runToDone(Map.of("strategy", "lazy", "failPercent", 0));
        assertTrue(lazy.path("rewriteCallsPerRequest").asDouble() < lazy.path("legacyCallsPerRequest").asDouble(), lazy.toString());
        assertEquals(7.0, lazy.path("legacyCallsPerRequest").asDouble(), "with no failures the legacy server calls all seven services");
        assertEquals(0, lazy.path("diffs").asInt(), "skipping unused calls changes no byte");
        proc.close();
        JsonNode parallel = runToDone(Map.of("strategy", "parallel", "failPercent", 0));
        assertEquals(7.0, parallel.path("rewriteCallsPerRequest").asDouble(), "eager parallel calls make every call");
    }

    private static int overlaps(List<JsonNode> calls) {
        int n = 0;
        for (int i = 0; i < calls.size(); i++)
            for (int j = i + 1; j < calls.size(); j++) {
                JsonNode a = calls.get(i), b = calls.get(j);
                if (a.path("start").asDouble() < b.path("end").asDouble() && b.path("start").asDouble() < a.path("end").asDouble()) n++;
            }
        return n;
    }
}
