package dev.confnotes.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.confnotes.ConfnotesApplication;

/**
 * Benchmark (not a test; run explicitly, or its smoke mode through {@code FirstEventBenchmarkSmokeTests}): time
 * from "Run" (the POST) to the first program event on the SSE stream, against the plain source launch
 * {@code java demos/<id>/Main.java} to its first line.
 * <pre>./mvnw -q -B test -Dtest=FirstEventBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class FirstEventBenchmark {

    private static final int ROUNDS = 7;

    /** Both paths' times of one run, in milliseconds; the smoke test checks they were produced. */
    record Result(List<Long> platform, List<Long> source) {

        void print() {
            System.out.println("BENCH first-event platform (precompiled jar + CDS) ms: " + summary(platform));
            System.out.println("BENCH first-line source launch (java Main.java) ms: " + summary(source));
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private final int port;

    private FirstEventBenchmark(int port) {
        this.port = port;
    }

    @Test
    void measure() throws Exception {
        run(ROUNDS).print();
    }

    /** Starts the app on a free port, times {@code rounds} runs each way after two warm-up runs, stops the app. */
    static Result run(int rounds) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfnotesApplication.class).run(
                "--server.port=0", "--confnotes.demos.dir=src/test/resources/test-demos",
                "--confnotes.demos.cache-dir=target/bench-cache", "--confnotes.talks.dir=src/test/resources/test-talks",
                "--confnotes.talks.watch=false", "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                "--confnotes.demos.max-concurrent-runs=2", "--confnotes.search.directory=local-heap",
                "--confnotes.rate-limit.enabled=false")) {
            FirstEventBenchmark bench = new FirstEventBenchmark(
                    ((WebServerApplicationContext) app).getWebServer().getPort());
            List<Long> platform = new ArrayList<>();
            List<Long> source = new ArrayList<>();
            bench.runOnce(); // compile + write the CDS archive (first use)
            bench.runOnce();
            for (int i = 0; i < rounds; i++) {
                platform.add(bench.runOnce());
                source.add(sourceLaunch());
            }
            return new Result(platform, source);
        }
    }

    private long runOnce() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/demos/echo/runs")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1,\"everyMs\":10}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([a-z0-9]{16})\"").matcher(created.body());
        id.find();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/runs/" + id.group(1) + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("event:event")) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    while ((line = in.readLine()) != null && !line.equals("event:end")) {
                        // drain to the end so the run's permit is free for the next round
                    }
                    return ms;
                }
            }
        }
        throw new IllegalStateException("no event");
    }

    private static long sourceLaunch() throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m",
                "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1",
                Path.of("src/test/resources/test-demos/echo/Main.java").toString(), "--count=1", "--everyMs=10")
            .redirectErrorStream(true)
            .start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            in.readLine();
            long ms = (System.nanoTime() - start) / 1_000_000;
            process.waitFor();
            return ms;
        }
    }

    static String summary(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return "median " + sorted.get(sorted.size() / 2) + ", min " + sorted.getFirst() + ", max " + sorted.getLast()
                + " " + values;
    }
}
