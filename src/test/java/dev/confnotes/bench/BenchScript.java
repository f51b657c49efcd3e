package dev.confnotes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one of the shell benchmarks under {@code bench/} in its smoke mode for a smoke test, and reads the
 * {@code BENCH} lines it prints. The script stops everything it starts; if it outlives its time limit, it and
 * every process under it are ended here, so nothing outlives the test.
 */
final class BenchScript {

    /** What the script printed and how it ended. */
    record Output(int exitCode, List<String> lines) {

        /** The lines starting with {@code BENCH <name> }, each as its {@code key=value} pairs. */
        List<Map<String, String>> figures(String name) {
            List<Map<String, String>> figures = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("BENCH " + name + " ")) {
                    Map<String, String> pairs = new LinkedHashMap<>();
                    Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(line);
                    while (pair.find()) {
                        pairs.put(pair.group(1), pair.group(2));
                    }
                    figures.add(pairs);
                }
            }
            return figures;
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    private BenchScript() {
    }

    /** Skips the test where a tool is missing, except on CI ({@code CI=true}), where {@code .ci/run} installs it. */
    static void requireTools(String... tools) {
        for (String tool : tools) {
            boolean found = Stream.of("/usr/bin/", "/usr/sbin/", "/usr/local/bin/")
                .anyMatch(dir -> Files.isExecutable(Path.of(dir + tool)));
            if (!found && "true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but " + tool + " is missing (.ci/run installs it)");
            }
            Assumptions.assumeTrue(found, tool + " is not installed");
        }
    }

    /** Runs {@code bench/<script> --smoke} from the project folder, with JDK 25 as JAVA_HOME. */
    static Output smoke(String script, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "bench/" + script, "--smoke").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(line);
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // the script ended
            }
        });
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            List<ProcessHandle> below = process.descendants().toList();
            process.destroy(); // SIGTERM: the script's trap stops what it started
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            below.forEach(ProcessHandle::destroyForcibly);
            Assertions.fail("bench/" + script + " --smoke took longer than " + limit + ":\n" + String.join("\n", lines));
        }
        reader.join(5_000);
        return new Output(process.exitValue(), List.copyOf(lines));
    }
}
