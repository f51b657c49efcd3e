package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The fuzzing demo over a fixed seed: the counters really are in the parser's bytecode, the guided
 * fuzzer reaches the planted crash within the default budget while blind random does not, and the
 * minimised crash replays from its corpus file on the class as compiled.
 */
class GoTestingDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    /** A default run (seed 42, default budget), unpaced so it takes a second or two. */
    JsonNode run(Map<String, Object> overrides) throws Exception {
        var params = new java.util.HashMap<String, Object>(Map.of("pace", 10_000_000));
        params.putAll(overrides);
        proc = DemoProcess.start(DemoProcess.command("go-testing", params));
        return proc.summary(Duration.ofSeconds(90));
    }

    static List<String> stepsMet(JsonNode summary) throws Exception {
        return DemoProcess.stepsMet("go-testing", summary);
    }

    List<JsonNode> rows(String view) {
        return proc.lines.stream().filter(n -> "row".equals(n.path("type").asString()) && view.equals(n.path("view").asString())).toList();
    }

    @Test
    void guidedFuzzerFindsThePlantedCrashWithinTheBudgetAndRandomDoesNot() throws Exception {
        JsonNode s = run(Map.of());
        assertEquals(1, s.path("guidedCrashes").asInt(), "guided found no crash: " + s);
        assertEquals(0, s.path("randomCrashes").asInt(), "random found a crash: " + s);
        long budget = s.path("budget").asLong();
        assertEquals(budget, s.path("randomExecs").asLong(), "random did not spend its whole budget");
        assertTrue(s.path("guidedExecsToCrash").asLong() <= budget, s.toString());
        // random stays at the first checks (length, first magic bytes); guided went all the way down
        assertTrue(s.path("guidedEdges").asInt() >= 3 * s.path("randomEdges").asInt(), s.toString());
        // every kept input names a parent kept before it, and added at least one edge
        Set<String> kept = new HashSet<>();
        for (JsonNode row : rows("corpus")) {
            JsonNode c = row.path("cells");
            String parent = c.path("parent").asString();
            assertTrue(parent.isEmpty() ? c.path("id").asInt() == 0 : kept.contains(parent), "orphan corpus entry " + c);
            assertTrue(c.path("added").asInt() > 0, "an input kept without a new edge: " + c);
            kept.add(c.path("id").asString());
        }
        assertEquals(s.path("corpusSize").asInt(), kept.size());
        assertEquals(List.of("climb"), stepsMet(s), "the default run ticks the climbing step only");
    }

    @Test
    void countersAreInsertedIntoTheTargetsBytecodeAndItLoadsThroughItsOwnLoader() throws Exception {
        run(Map.of("budgetK", 10));
        JsonNode ev = proc.lines.stream().filter(n -> "instrumented".equals(n.path("kind").asString())).findFirst().orElseThrow();
        JsonNode f = ev.path("fields");
        assertEquals("RecordParser", f.path("target").asString());
        assertEquals("fuzz-target", f.path("loader").asString());
        assertTrue(f.path("blocks").asInt() >= 20, "too few blocks for the parser: " + f);
        // one constant load and one invokestatic per block: the class grows by at least 4 bytes a block
        assertTrue(f.path("bytesAfter").asInt() >= f.path("bytesBefore").asInt() + 4 * f.path("blocks").asInt(), f.toString());
    }

    @Test
    void minimisedCrashReproducesFromItsCorpusFileOnTheUninstrumentedClass() throws Exception {
        JsonNode s = run(Map.of());
        assertTrue(s.path("reproduces").asBoolean(), s.toString());
        assertTrue(s.path("minimisedLength").asInt() > 0 && s.path("minimisedLength").asInt() <= s.path("crashLength").asInt(), s.toString());
        Map<String, JsonNode> byStage = new java.util.HashMap<>();
        for (JsonNode row : rows("crash")) byStage.put(row.path("id").asString(), row.path("cells"));
        JsonNode found = byStage.get("found");
        JsonNode minimised = byStage.get("minimised");
        JsonNode regression = byStage.get("regression");
        assertNotNull(found);
        assertNotNull(minimised);
        assertNotNull(regression);
        assertTrue(minimised.path("input").asString().startsWith("CNR1"), "the crash keeps the magic: " + minimised);
        assertEquals(found.path("error").asString(), regression.path("error").asString());
        assertEquals(found.path("where").asString(), regression.path("where").asString());
        assertTrue(found.path("where").asString().startsWith("indexV2:"), "the planted bug is in indexV2: " + found);
        assertTrue(regression.path("input").asString().startsWith("testdata/fuzz/FuzzParseRecord/"), regression.toString());
        assertEquals(minimised.path("length").asInt(), regression.path("length").asInt(), "the file holds the minimised input");
    }

    @Test
    void dictionaryOfMagicValuesReachesTheCrashSooner() throws Exception {
        JsonNode without = run(Map.of("dictionary", false));
        long plain = without.path("guidedExecsToCrash").asLong();
        proc.close();
        JsonNode s = run(Map.of("dictionary", true));
        assertTrue(stepsMet(s).contains("dictionary"), s.toString());
        assertTrue(!stepsMet(without).contains("dictionary"), without.toString());
        assertEquals(1, s.path("guidedCrashes").asInt());
        assertTrue(s.path("guidedExecsToCrash").asLong() * 2 < plain,
                "with the dictionary " + s.path("guidedExecsToCrash") + " executions, without " + plain);
    }
}
