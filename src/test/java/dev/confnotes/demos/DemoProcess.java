package dev.confnotes.demos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assertions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.demos.runner.ChildCommandLine;

/**
 * A demo program launched as a real child JVM (source launch, with the flags the runner gives it), its
 * stdout parsed line by line.
 */
final class DemoProcess implements AutoCloseable {
    static final Path DEMOS = Path.of("demos");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EOF = JSON.createObjectNode().put("type", "__eof__");

    final Process process;
    final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    final List<String> badLines = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    /** The manifest, read by the app's own parser. */
    static DemoManifest manifest(String id) throws IOException {
        return ManifestParser.parse(id, Files.readString(DEMOS.resolve(id).resolve("demo.yml")));
    }

    /**
     * The command the runner builds for this demo (source launch): the manifest's defaults with
     * {@code overrides}, validated by the app's {@link ParamValidator}.
     */
    static List<String> command(String id, Map<String, Object> overrides) throws IOException {
        return command(id, overrides, List.of());
    }

    /** As above, plus program arguments no manifest param covers (by-hand options such as a sample count). */
    static List<String> command(String id, Map<String, Object> overrides, List<String> byHand) throws IOException {
        DemoManifest manifest = manifest(id);
        Map<String, String> given = new LinkedHashMap<>();
        overrides.forEach((k, v) -> given.put(k, String.valueOf(v)));
        List<String> argv = new java.util.ArrayList<>(
                ChildCommandLine.sourceLaunch(manifest, ParamValidator.validate(manifest, given), DEMOS.resolve(id)));
        argv.addAll(byHand);
        return List.copyOf(argv);
    }

    static DemoProcess start(List<String> cmd) throws IOException {
        return new DemoProcess(new ProcessBuilder(cmd).start());
    }

    private DemoProcess(Process p) {
        this.process = p;
        Thread.ofPlatform().daemon(true).name("demo-stdout").start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        JsonNode n = JSON.readTree(line);
                        if (n == null || !n.isObject()) badLines.add(line);
                        else {
                            lines.add(n);
                            queue.add(n);
                        }
                    } catch (RuntimeException e) {
                        badLines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            } finally {
                queue.add(EOF);
            }
        });
        Thread.ofPlatform().daemon(true).name("demo-stderr").start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) stderr.append(line).append('\n');
            } catch (IOException ignored) {
                // ended
            }
        });
    }

    /** Waits for the next line matching the predicate; null on timeout or end of output. */
    JsonNode await(Predicate<JsonNode> p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) return null;
            JsonNode n = queue.poll(left, TimeUnit.NANOSECONDS);
            if (n == null || n == EOF) {
                if (n == EOF) queue.add(EOF);
                return null;
            }
            if (p.test(n)) return n;
        }
    }

    /** The summary of a run that ends well: its done line within the limit, exit code 0, only protocol lines. */
    JsonNode summary(Duration limit) throws InterruptedException {
        JsonNode done = await(n -> "done".equals(n.path("type").asString()), limit);
        Assertions.assertNotNull(done, "no done\n" + stderr());
        Assertions.assertEquals(0, waitFor(Duration.ofSeconds(10)));
        Assertions.assertTrue(badLines.isEmpty(), "non-protocol lines on stdout: " + badLines);
        return done.path("summary");
    }

    /** The guided steps a run's summary ticks, by the app's own reading of the demo's manifest. */
    static List<String> stepsMet(String id, JsonNode summary) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(summary, Map.class);
        return manifest(id).stepsMetBy(map);
    }

    void send(String json) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    int waitFor(Duration d) throws InterruptedException {
        if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("demo did not exit in " + d + "\n" + stderr);
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
