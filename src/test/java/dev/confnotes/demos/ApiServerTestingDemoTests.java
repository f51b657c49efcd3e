package dev.confnotes.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The flaky-test lab over a fixed seed: noise breaks the sleeping test and never the awaiting or injected ones. */
class ApiServerTestingDemoTests {
    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) proc.close();
    }

    JsonNode run(int noise) throws Exception {
        if (proc != null) proc.close();
        proc = DemoProcess.start(DemoProcess.command("api-server-testing", Map.of("seed", 42, "runs", 30, "noise", noise, "sleepMs", 20)));
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(100));
        assertNotNull(done, "no done\n" + proc.stderr());
        assertEquals(0, proc.waitFor(Duration.ofSeconds(10)));
        return done.path("summary");
    }

    @Test
    void sleepingTestFlakesUnderNoiseWhileAwaitingAndInjectedVersionsNeverFail() throws Exception {
        JsonNode quiet = run(0);
        assertEquals(0, quiet.path("awaitFailed").asInt(), quiet.toString());
        assertEquals(0, quiet.path("injectedFailed").asInt(), quiet.toString());
        assertEquals(0, quiet.path("ignoreFailed").asInt(), quiet.toString());

        JsonNode noisy = run(8);
        assertEquals(30, noisy.path("runs").asInt());
        assertTrue(noisy.path("sleepFailed").asInt() > quiet.path("sleepFailed").asInt(),
                "noise alone breaks the sleeping version: quiet " + quiet + ", noisy " + noisy);
        assertEquals(0, noisy.path("awaitFailed").asInt(), "awaiting what the handler returns never flakes: " + noisy);
        assertEquals(0, noisy.path("injectedFailed").asInt(), "the injected clock never flakes: " + noisy);
        assertEquals(0, noisy.path("ignoreFailed").asInt(), noisy.toString());
        assertEquals(30, noisy.path("atOnceFailed").asInt(), "asserting at once never sees the notification");
        assertTrue(DemoProcess.manifest("api-server-testing").stepsMetBy(DemoProcess.JSON.convertValue(noisy, Map.class)).contains("flake"),
                "the guided step ticks on the noisy run");

        JsonNode first = proc.lines.stream()
                .filter(n -> "firstFailure".equals(n.path("kind").asString())
                        && "sleep-then-assert".equals(n.path("fields").path("version").asString()))
                .findFirst().orElseThrow();
        assertEquals("notification", first.path("fields").path("what").asString());
        assertEquals("not sent after 20 ms", first.path("fields").path("actual").asString());
        JsonNode row = proc.lines.stream()
                .filter(n -> "row".equals(n.path("type").asString()) && "injected-clock".equals(n.path("id").asString()))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("pass", row.path("cells").path("verdict").asString());
    }
}
