package dev.confnotes.demos.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;

/** The output caps: essential events survive the rate cap, nodes coalesce by id, bytes are UTF-8 bytes. */
class OutputPumpTests {

    private static final DemoManifest MANIFEST = ManifestParser.parse("t", """
            id: t
            title: t
            main: Main.java
            """);

    private final JsonMapper json = JsonMapper.builder().build();

    private static DemosProperties properties(DataSize maxOutput, int perSecond) {
        return new DemosProperties(Path.of("demos"), Path.of("target/demo-cache"), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), maxOutput, DataSize.ofKilobytes(16), perSecond, 2000, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), false, 30, 1024, 1, 2);
    }

    private static Run run() {
        return new Run("t", MANIFEST, Map.of(), Instant.now());
    }

    private static ByteArrayInputStream lines(List<String> lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ofType(Run run, String type) {
        return run.events().stream().filter(e -> e.type().equals(type)).map(RunEvent::json).toList();
    }

    @Test
    void doneAndErrorAndTheLatestNodeOfEachIdSurviveTheRateCap() throws Exception {
        Run run = run();
        OutputPump pump = new OutputPump(run, json, properties(DataSize.ofMegabytes(8), 5));
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add("{\"type\":\"event\",\"t\":1,\"kind\":\"info\",\"msg\":\"" + i + "\",\"fields\":{}}");
        }
        for (int i = 0; i < 10; i++) {
            out.add("{\"type\":\"node\",\"t\":2,\"id\":\"n1\",\"state\":\"running\",\"step\":" + i + "}");
            out.add("{\"type\":\"node\",\"t\":2,\"id\":\"n2\",\"state\":\"running\",\"step\":" + i + "}");
        }
        out.add("{\"type\":\"node\",\"t\":3,\"id\":\"n2\",\"state\":\"canceled\"}");
        out.add("{\"type\":\"error\",\"t\":4,\"msg\":\"boom\"}");
        out.add("{\"type\":\"done\",\"t\":5,\"summary\":{}}");
        pump.pumpStdout(lines(out));

        assertThat(ofType(run, "error")).singleElement().asString().contains("boom");
        assertThat(ofType(run, "done")).hasSize(1);
        List<String> nodes = ofType(run, "node");
        assertThat(nodes).anyMatch(n -> n.contains("\"n1\"") && n.contains("\"step\":9"));
        assertThat(nodes).anyMatch(n -> n.contains("\"n2\"") && n.contains("canceled"));
        assertThat(nodes).hasSize(2);
        assertThat(ofType(run, "event")).anyMatch(e -> e.contains("truncated") && e.contains("rate"));
        assertThat(run.events().getLast().type()).isNotEqualTo("node");
    }

    @Test
    void snapshotsRowsSpansAndStatesOverTheRateCapCoalesceToTheLatestOfEachViewAndId() throws Exception {
        Run run = run();
        OutputPump pump = new OutputPump(run, json, properties(DataSize.ofMegabytes(8), 3));
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add("{\"type\":\"event\",\"t\":1,\"kind\":\"tick\",\"fields\":{\"i\":" + i + "}}");
        }
        for (int i = 0; i < 30; i++) {
            out.add("{\"type\":\"snapshot\",\"t\":2,\"view\":\"cpu\",\"id\":\"all\",\"data\":{\"n\":" + i + "}}");
            out.add("{\"type\":\"snapshot\",\"t\":2,\"view\":\"lat\",\"id\":\"" + i + "\",\"data\":{\"n\":" + i + "}}");
            out.add("{\"type\":\"row\",\"t\":2,\"view\":\"results\",\"id\":\"r" + (i % 2) + "\",\"cells\":{\"n\":" + i + "}}");
            out.add("{\"type\":\"state\",\"t\":2,\"view\":\"phase\",\"state\":\"S" + i + "\"}");
        }
        out.add("{\"type\":\"done\",\"t\":5,\"summary\":{}}");
        pump.pumpStdout(lines(out));

        List<String> snapshots = ofType(run, "snapshot");
        assertThat(snapshots).filteredOn(s -> s.contains("\"cpu\"")).singleElement().asString().contains("\"n\":29");
        assertThat(snapshots).as("every heat-map column is kept").filteredOn(s -> s.contains("\"lat\"")).hasSize(30);
        assertThat(ofType(run, "row")).hasSize(2).anyMatch(r -> r.contains("\"r1\"") && r.contains("\"n\":29"))
            .anyMatch(r -> r.contains("\"r0\"") && r.contains("\"n\":28"));
        assertThat(ofType(run, "state")).singleElement().asString().contains("S29");
        assertThat(run.events().getLast().type()).isEqualTo("done");
    }

    @Test
    void aLineOfNoProtocolTypeIsShownAsPlainOutput() throws Exception {
        Run run = run();
        OutputPump pump = new OutputPump(run, json, properties(DataSize.ofMegabytes(8), 200));
        pump.pumpStdout(lines(List.of("{\"type\":\"chart\",\"t\":1}", "hello")));
        assertThat(ofType(run, "chart")).isEmpty();
        assertThat(ofType(run, "event")).hasSize(2).allMatch(e -> e.contains("\"kind\":\"stdout\""));
    }

    @Test
    void theByteCapCountsUtf8BytesNotChars() throws Exception {
        Run run = run();
        OutputPump pump = new OutputPump(run, json, properties(DataSize.ofBytes(100), 200));
        // 40 Hangul syllables: 40 chars, 120 bytes: past a cap of 100 bytes
        pump.pumpStdout(lines(List.of("가".repeat(40))));
        assertThat(ofType(run, "event")).anyMatch(e -> e.contains("truncated") && e.contains("bytes"));
        assertThat(ofType(run, "event")).noneMatch(e -> e.contains("가"));
    }

    @Test
    void theLatestMetricOverTheCapIsSentWhenTheSecondEndsEvenIfOutputStops() throws Exception {
        Run run = run();
        OutputPump pump = new OutputPump(run, json, properties(DataSize.ofMegabytes(8), 2));
        java.io.PipedOutputStream child = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(child);
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                pump.pumpStdout(in);
            }
            catch (java.io.IOException ex) {
                // closed
            }
        });
        for (int i = 1; i <= 5; i++) {
            child.write(("{\"type\":\"metric\",\"t\":1,\"values\":{\"n\":" + i + "}}\n").getBytes(StandardCharsets.UTF_8));
        }
        child.flush();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ofType(run, "metric").size() == 2);
        Thread.sleep(1100);
        pump.tick();
        assertThat(ofType(run, "metric")).anyMatch(m -> m.contains("\"n\":5"));
        child.close();
        reader.join(5000);
    }
}
