package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import dev.confnotes.demos.runner.ChildCommandLine;

class ContextSemanticsTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    @Test
    void everyGoContextCasePasses() throws Exception {
        proc = DemoProcess.start(List.of(ChildCommandLine.javaCommand(), "-Xmx64m", "demos/context/Main.java", "--selftest"));
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(60));
        assertNotNull(done, "no done line\n" + proc.stderr());
        List<String> failed = new ArrayList<>();
        int cases = 0;
        for (JsonNode n : proc.lines) {
            if (!"case".equals(n.path("kind").asString())) continue;
            cases++;
            if (!n.path("fields").path("pass").asBoolean()) failed.add(n.path("fields").path("name").asString() + ": " + n.path("fields").path("error").asString());
        }
        assertTrue(failed.isEmpty(), "failing cases: " + failed);
        assertTrue(cases >= 20, "at least 20 cases, got " + cases);
        assertEquals(cases, done.path("summary").path("passed").asInt());
        assertEquals(0, proc.waitFor(Duration.ofSeconds(10)));
    }
}
