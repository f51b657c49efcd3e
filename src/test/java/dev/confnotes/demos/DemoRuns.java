package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A demo run to its end as the runner starts it: its summary, its flame graphs, the guided steps it meets. */
final class DemoRuns {
    private DemoRuns() {}

    /** Starts the demo with the manifest's defaults and {@code params}; returns once it has exited cleanly after {@code done}. */
    static DemoProcess runToDone(String demo, Map<String, Object> params, Duration within) throws Exception {
        DemoProcess proc = DemoProcess.start(DemoProcess.command(demo, params));
        try {
            assertNotNull(proc.await(n -> "done".equals(n.path("type").asString()), within), "no done line\n" + proc.stderr());
            assertEquals(0, proc.waitFor(Duration.ofSeconds(10)), proc.stderr());
            return proc;
        }
        catch (Exception | AssertionError ex) {
            proc.close();
            throw ex;
        }
    }

    static JsonNode summary(DemoProcess proc) {
        return proc.lines.getLast().path("summary");
    }

    /** The steps the app's own reading of the manifest's conditions says this summary meets. */
    static List<String> met(String demo, JsonNode summary) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = DemoProcess.JSON.convertValue(summary, Map.class);
        return DemoProcess.manifest(demo).stepsMetBy(values);
    }

    /** The stacks of the last {@code flame} snapshot with this id. */
    static JsonNode flame(DemoProcess proc, String id) {
        return proc.lines.stream()
            .filter(n -> "snapshot".equals(n.path("type").asString()) && id.equals(n.path("id").asString()))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no flame snapshot " + id))
            .path("data")
            .path("stacks");
    }

    /** Samples whose folded stack holds this exact frame. */
    static long withFrame(JsonNode stacks, String frame) {
        long n = 0;
        for (var e : stacks.properties()) {
            if (List.of(e.getKey().split(";")).contains(frame)) n += e.getValue().asLong();
        }
        return n;
    }
}
