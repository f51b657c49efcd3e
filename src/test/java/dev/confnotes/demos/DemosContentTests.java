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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.EventType;
import dev.confnotes.demos.manifest.ManifestParser;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.talks.TalkDocument;
import dev.confnotes.talks.TalkFileParser;

/**
 * The content folders, checked the way the app reads them (as golang/website's tour tests its
 * lessons): every {@code demos/<id>/demo.yml} through the app's {@link ManifestParser}, every preset
 * through its {@link ParamValidator}, every program launched with the command the runner builds and
 * run briefly to its {@code done} line, with the manifest's {@code test:} settings (overrides so a run takes
 * seconds, by-hand arguments for a program that would not end by itself); every event kind it sends and
 * every summary key is worded in the manifest; and every demo a talk in {@code talks/} names exists.
 */
class DemosContentTests {

    static final Path TALKS = Path.of("talks");

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
        for (String language : List.of("ko", "en")) {
            Path explanation = folder.resolve("explanation." + language + ".md");
            assertTrue(Files.isRegularFile(explanation), id + ": explanation." + language + ".md exists");
            assertThat(Files.readString(explanation)).as(id + ": explanation." + language + ".md").isNotBlank();
        }
        assertThat(folder.resolve("explanation.md")).as(id + ": one file per language").doesNotExist();
        assertThat(manifest.views()).as(id + ": views").isNotEmpty();
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

    /** One library, linked: no demo keeps its own copy of it, and each that uses it links the one folder. */
    @Test
    void everyDemoLinksTheOneSharedLibraryInsteadOfACopy() throws Exception {
        for (String id : demoIds().toList()) {
            Path folder = DemoProcess.DEMOS.resolve(id);
            assertThat(folder.resolve("Json.java")).as(id + ": a copy of the JSON helper").doesNotExist();
            Path library = folder.resolve("demolib");
            if (Files.exists(library, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                assertTrue(Files.isSymbolicLink(library), id + "/demolib must be a link to ../demolib, not a copy");
                assertEquals(DemoProcess.DEMOS.resolve("demolib").toRealPath(), library.toRealPath(), id + "/demolib");
            }
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
    void runsWithTheRunnersCommandSpeaksTheProtocolAndEverythingItSaysIsWorded(String id) throws Exception {
        DemoManifest manifest = DemoProcess.manifest(id);
        List<String> cmd = DemoProcess.command(id, new LinkedHashMap<String, Object>(manifest.test().params()),
                manifest.test().args());
        proc = DemoProcess.start(cmd);
        proc.process.getOutputStream().close(); // EOF on stdin is normal
        JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(60));
        assertNotNull(done, "no done line from " + cmd + "\n" + proc.stderr());
        assertEquals(0, proc.waitFor(Duration.ofSeconds(20)), "exit code\n" + proc.stderr());
        assertTrue(proc.badLines.isEmpty(), "non-JSON stdout lines: " + proc.badLines);
        Set<String> viewIds = manifest.views().stream().map(DemoManifest.View::id).collect(Collectors.toSet());
        for (JsonNode n : proc.lines) {
            String type = n.path("type").asString();
            assertThat(EventType.keys()).as("the type of " + n).contains(type);
            assertTrue(n.path("t").isNumber(), "t missing in " + n);
            if (n.has("view")) {
                assertThat(viewIds).as(id + ": the view " + n + " names").contains(n.path("view").asString());
            }
            if ("event".equals(type) || "error".equals(type)) {
                assertThat(manifest.events()).as(id + ": wording of the event kind in " + n)
                    .containsKey(n.path("kind").asString());
                assertThat(n.has("msg") && "event".equals(type)).as(id + ": an event carries no prose: " + n).isFalse();
            }
        }
        assertEquals("done", proc.lines.getLast().path("type").asString(), "done is last");
        done.path("summary").properties().forEach(e -> {
            assertThat(manifest.summary()).as(id + ": wording of the summary key " + e.getKey()).containsKey(e.getKey());
            assertThat(e.getValue().isValueNode()).as(id + ": summary " + e.getKey() + " is a number, text or boolean")
                .isTrue();
        });
    }
}
