package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.talks.TalkDocument;
import dev.confnotes.talks.TalkFileParser;

/**
 * The content folders, checked the way the app reads them (as golang/website's tour tests its
 * lessons): every {@code demos/<id>/demo.yml} through the app's {@link ManifestParser}, every preset
 * through its {@link ParamValidator}, every program launched with the command the runner builds and
 * run briefly to its {@code done} line; and every demo a talk in {@code talks/} names exists.
 */
class DemosContentTests {

    static final Path TALKS = Path.of("talks");

    static final Set<String> TYPES = Set.of("metric", "event", "node", "done", "error");

    /** Short overrides so each run takes a few seconds (the manifest's defaults are for people). */
    static final Map<String, Map<String, Object>> QUICK = Map.of(
            "gc", Map.of("durationSec", 5, "heapMb", 64, "liveSetMb", 8, "allocMbPerSec", 50),
            "context", Map.of("timeoutMs", 400, "workMs", 300),
            "proc-monitor", Map.of("intervalMs", 250));

    /**
     * The explicit marker for programs that would not end by themselves: a shared monitor runs while
     * anyone watches, so by hand it takes a sample count (not a manifest param).
     */
    static final Map<String, List<String>> BY_HAND = Map.of("proc-monitor", List.of("--samples=3"));

    DemoProcess proc;

    @AfterEach
    void cleanup() {
        if (proc != null) {
            proc.close();
        }
    }

    static Stream<String> demoIds() throws IOException {
        try (Stream<Path> folders = Files.list(DemoProcess.DEMOS)) {
            return folders.filter(p -> Files.isRegularFile(p.resolve("demo.yml")))
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList()
                .stream();
        }
    }

    static List<TalkDocument> talks() throws Exception {
        List<TalkDocument> talks = new ArrayList<>();
        try (Stream<Path> files = Files.list(TALKS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                talks.add(TalkFileParser.parse(file.getFileName().toString(), Files.readAllBytes(file)));
            }
        }
        return talks;
    }

    @ParameterizedTest
    @MethodSource("demoIds")
    void manifestIsWhatTheAppAcceptsAndEveryPresetIsAValidRun(String id) throws Exception {
        DemoManifest manifest = DemoProcess.manifest(id);
        Path folder = DemoProcess.DEMOS.resolve(id);
        assertNotNull(manifest.titleEn(), id + ": titleEn");
        assertThat(manifest.talks()).as(id + ": talks").isNotEmpty();
        assertTrue(Files.isRegularFile(folder.resolve(manifest.main())), id + ": main exists");
        assertTrue(Files.isRegularFile(folder.resolve("explanation.md")), id + ": explanation.md exists");
        for (DemoManifest.Param param : manifest.params()) {
            if (!param.jvmByValue().isEmpty()) {
                assertEquals(Set.copyOf(param.choices()), param.jvmByValue().keySet(),
                        id + "." + param.name() + ": the jvm map covers every choice");
            }
        }
        for (DemoManifest.Preset preset : manifest.presets()) {
            ParamValidator.validate(manifest, preset.values());
        }
        List<String> slugs = talks().stream().map(TalkDocument::slug).toList();
        assertThat(slugs).as(id + ": the talks it belongs to exist").containsAll(manifest.talks());
    }

    /** Each demo runs by hand on its own, so the JSON helper is copied into each folder: the copies must not drift. */
    @Test
    void theCopiedJsonHelperIsTheSameInEveryDemo() throws Exception {
        List<Path> copies;
        try (Stream<Path> folders = Files.list(DemoProcess.DEMOS)) {
            copies = folders.map(folder -> folder.resolve("Json.java")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(copies.size() >= 2, "the demos share a JSON helper: " + copies);
        for (Path copy : copies) {
            assertEquals(Files.readString(copies.getFirst()), Files.readString(copy), copy + " differs from " + copies.getFirst());
        }
    }

    @Test
    void everyDemoATalkNamesExists() throws Exception {
        for (TalkDocument talk : talks()) {
            for (String demo : talk.demos()) {
                assertTrue(Files.isRegularFile(DemoProcess.DEMOS.resolve(demo).resolve("demo.yml")),
                        "talks/" + talk.slug() + ".md names demo '" + demo + "', which has no demos/" + demo + "/demo.yml");
                assertThat(DemoProcess.manifest(demo).talks()).as("demo " + demo + " lists talk " + talk.slug())
                    .contains(talk.slug());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("demoIds")
    void runsWithTheRunnersCommandAndSpeaksTheProtocol(String id) throws Exception {
        List<String> cmd = DemoProcess.command(id, QUICK.getOrDefault(id, Map.of()),
                BY_HAND.getOrDefault(id, List.of()));
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
}
