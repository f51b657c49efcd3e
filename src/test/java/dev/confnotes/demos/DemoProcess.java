package dev.confnotes.demos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A demo program launched as a real child JVM (source launch), with its stdout parsed line by line. */
final class DemoProcess implements AutoCloseable {
    static final Path DEMOS = Path.of("demos");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EOF = JSON.createObjectNode().put("type", "__eof__");

    final Process process;
    final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    final List<String> badLines = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> manifest(String id) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(DEMOS.resolve(id).resolve("demo.yml")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> params(Map<String, Object> manifest) {
        Object p = manifest.get("params");
        return p == null ? List.of() : (List<Map<String, Object>>) p;
    }

    /** JVM flags and --p=v args for the manifest's defaults with overrides, as the runner builds them. */
    @SuppressWarnings("unchecked")
    static List<String> command(String id, Map<String, Object> overrides) throws IOException {
        Map<String, Object> m = manifest(id);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map<String, Object> p : params(m)) values.put((String) p.get("name"), p.get("default"));
        values.putAll(overrides);
        List<String> flags = new ArrayList<>();
        Object fixed = m.get("jvmFlags");
        if (fixed instanceof List<?> l) for (Object o : l) flags.add(String.valueOf(o));
        for (Map<String, Object> p : params(m)) {
            Object jvm = p.get("jvm");
            Object v = values.get((String) p.get("name"));
            if (jvm instanceof String t) flags.add(t.replace("{value}", String.valueOf(v)));
            else if (jvm instanceof Map<?, ?> choices && choices.get(String.valueOf(v)) != null) flags.add(String.valueOf(choices.get(String.valueOf(v))));
        }
        if (flags.stream().noneMatch(f -> f.startsWith("-Xmx"))) flags.add("-Xmx" + m.getOrDefault("heapMb", 64) + "m");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(flags);
        cmd.add(DEMOS.resolve(id).resolve((String) m.get("main")).toString());
        values.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        return cmd;
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
