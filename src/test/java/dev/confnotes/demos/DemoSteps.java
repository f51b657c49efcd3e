package dev.confnotes.demos;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The guided steps a finished run meets, judged by the app's own reading of the manifest's conditions. */
final class DemoSteps {
    private DemoSteps() {}

    static List<String> met(String demo, JsonNode summary) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = DemoProcess.JSON.convertValue(summary, Map.class);
        return DemoProcess.manifest(demo).stepsMetBy(values);
    }
}
