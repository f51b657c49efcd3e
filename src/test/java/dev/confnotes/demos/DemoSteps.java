package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A demo run to its end as the runner starts it, and the guided steps its summary meets. */
final class DemoSteps {
    private DemoSteps() {}

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
}
