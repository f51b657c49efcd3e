package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class DemosContentTests {
    static final Set<String> TYPES = Set.of("metric", "event", "node", "done", "error");
    /** Short overrides so each run takes a few seconds. */
    static final Map<String, Map<String, Object>> QUICK = Map.of(
            "gc", Map.of("durationSec", 5, "heapMb", 64, "liveSetMb", 8, "allocMbPerSec", 50),
            "context", Map.of("timeoutMs", 400, "workMs", 300),
            // A shared monitor runs while anyone watches; by hand it takes a sample count.
            "proc-monitor", Map.of("intervalMs", 250, "samples", 3));

    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    static Stream<String> demoIds() throws IOException {
        try (var s = Files.list(DemoProcess.DEMOS)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("demo.yml"))).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("demoIds")
    void manifestParsesAndDefaultsAreWithinLimits(String id) throws IOException {
        Map<String, Object> m = DemoProcess.manifest(id);
        assertEquals(id, m.get("id"), "id matches folder");
        for (String k : List.of("title", "titleEn", "talks", "main")) assertNotNull(m.get(k), id + ": missing " + k);
        assertTrue(Files.isRegularFile(DemoProcess.DEMOS.resolve(id).resolve((String) m.get("main"))), "main exists");
        assertTrue(Files.isRegularFile(DemoProcess.DEMOS.resolve(id).resolve("explanation.md")), "explanation.md exists");
        for (Map<String, Object> p : DemoProcess.params(m)) {
            String name = (String) p.get("name");
            Object def = p.get("default");
            assertNotNull(def, id + "." + name + ": default");
            switch ((String) p.get("type")) {
                case "int", "decimal" -> {
                    double v = ((Number) def).doubleValue();
                    assertTrue(v >= ((Number) p.get("min")).doubleValue() && v <= ((Number) p.get("max")).doubleValue(), id + "." + name + " default out of range");
                }
                case "choice" -> {
                    List<?> choices = (List<?>) p.get("choices");
                    assertTrue(choices.contains(def), id + "." + name + " default not a choice");
                    if (p.get("jvm") instanceof Map<?, ?> jm) assertEquals(Set.copyOf(choices), jm.keySet(), id + "." + name + ": jvm map covers choices");
                }
                case "boolean" -> assertTrue(def instanceof Boolean, id + "." + name);
                default -> throw new AssertionError(id + "." + name + ": unknown type " + p.get("type"));
            }
            if (p.get("jvm") instanceof String t) assertTrue(t.contains("{value}"), "template has {value}");
        }
    }

    @ParameterizedTest
    @MethodSource("demoIds")
    void runsWithDefaultsAndSpeaksTheProtocol(String id) throws Exception {
        List<String> cmd = DemoProcess.command(id, QUICK.getOrDefault(id, Map.of()));
        proc = DemoProcess.start(cmd);
        proc.process.getOutputStream().close(); // EOF on stdin is normal
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(60));
        assertNotNull(done, "no done line from " + cmd + "\n" + proc.stderr());
        assertEquals(0, proc.waitFor(Duration.ofSeconds(20)), "exit code\n" + proc.stderr());
        assertTrue(proc.badLines.isEmpty(), "non-JSON stdout lines: " + proc.badLines);
        for (JsonNode n : proc.lines) {
            assertTrue(TYPES.contains(n.path("type").asString()), "unknown type in " + n);
            assertTrue(n.path("t").isNumber(), "t missing in " + n);
        }
        assertEquals("done", proc.lines.getLast().path("type").asString(), "done is last");
    }

    static Path demo(String id) {
        return DemoProcess.DEMOS.resolve(id);
    }

    static void assertNoFailure(List<JsonNode> lines) {
        assertFalse(lines.stream().anyMatch(n -> "error".equals(n.path("type").asString())), "error lines: " + lines);
    }
}
