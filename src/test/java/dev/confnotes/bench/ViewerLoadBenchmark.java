package dev.confnotes.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a test; run explicitly): N SSE viewers on the shared /proc monitor, against a server
 * started as its own process with {@code -Xmx256m}, on loopback. Lag of a viewer for an event = when
 * it got the event − when the first viewer got it. Stops by itself (server killed at the end).
 * <pre>./mvnw -q -B test -Dtest=ViewerLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dviewers=2000 -DholdSeconds=30</pre>
 */
class ViewerLoadBenchmark {

    @Test
    void measure() throws Exception {
        int viewers = Integer.getInteger("viewers", 2000);
        int holdSeconds = Integer.getInteger("holdSeconds", 30);
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        Path log = Files.createTempFile("confnotes-load-server", ".log");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.confnotes.ConfnotesApplication",
                "--server.port=" + port, "--confnotes.demos.dir=demos", "--confnotes.talks.dir=src/test/resources/test-talks",
                "--confnotes.talks.watch=false", "--spring.datasource.url=jdbc:h2:mem:load;DB_CLOSE_DELAY=-1",
                "--confnotes.demos.cache-dir=target/bench-cache", "--logging.level.root=WARN",
                "--spring.devtools.restart.enabled=false")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        try {
            waitUp(http, port);
            Map<Long, ConcurrentLinkedQueue<Long>> receipts = new ConcurrentHashMap<>();
            AtomicInteger connected = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(holdSeconds + 120).toNanos();
            long rampStart = System.nanoTime();
            for (int i = 0; i < viewers; i++) {
                threads.add(Thread.ofVirtual().start(() -> view(http, port, receipts, connected, failed, deadline)));
                if (i % 100 == 99) {
                    Thread.sleep(200);
                }
            }
            while (connected.get() + failed.get() < viewers && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long rampMs = (System.nanoTime() - rampStart) / 1_000_000;
            long measureFrom = System.nanoTime();
            long maxHeap = 0;
            long maxRssKb = 0;
            for (int s = 0; s < holdSeconds; s++) {
                Thread.sleep(1000);
                maxHeap = Math.max(maxHeap, heapUsed(http, port));
                maxRssKb = Math.max(maxRssKb, rssKb(server.pid()));
            }
            List<Long> lags = new ArrayList<>();
            int[] perEvent = { 0, 0 };
            receipts.forEach((id, times) -> {
                List<Long> list = List.copyOf(times);
                long first = list.stream().mapToLong(Long::longValue).min().orElse(0);
                if (first < measureFrom) {
                    return; // backlog replayed to joiners, not live delivery
                }
                perEvent[0]++;
                perEvent[1] = Math.max(perEvent[1], list.size());
                list.forEach(t -> lags.add((t - first) / 1_000_000));
            });
            lags.sort(null);
            System.out.printf("BENCH viewers=%d connected=%d failed=%d ramp=%dms liveEvents=%d maxViewersPerEvent=%d%n",
                    viewers, connected.get(), failed.get(), rampMs, perEvent[0], perEvent[1]);
            if (!lags.isEmpty()) {
                System.out.printf("BENCH lag ms p50=%d p99=%d max=%d (n=%d)%n", lags.get(lags.size() / 2),
                        lags.get((int) (lags.size() * 0.99)), lags.getLast(), lags.size());
            }
            System.out.printf("BENCH server heap used max=%d MB (-Xmx256m), RSS max=%d MB%n", maxHeap >> 20, maxRssKb >> 10);
            threads.forEach(Thread::interrupt);
        }
        finally {
            server.destroy();
            if (!server.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            server.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void view(HttpClient http, int port, Map<Long, ConcurrentLinkedQueue<Long>> receipts,
            AtomicInteger connected, AtomicInteger failed, long deadline) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/demos/proc-monitor/live")).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                failed.incrementAndGet();
                return;
            }
            connected.incrementAndGet();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                String id = null;
                while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3);
                    }
                    else if (line.equals("event:metric") && id != null) {
                        receipts.computeIfAbsent(Long.parseLong(id), k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
                    }
                    else if (line.isEmpty()) {
                        id = null;
                    }
                }
            }
        }
        catch (Exception ex) {
            failed.incrementAndGet();
        }
    }

    private static void waitUp(HttpClient http, int port) throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            }
            catch (java.io.IOException ex) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server did not start");
    }

    private static long heapUsed(HttpClient http, int port) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        }
        catch (Exception ex) {
            return 0;
        }
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim().split("\\s+")[0]))
                .findFirst()
                .orElse(0);
        }
        catch (Exception ex) {
            return 0;
        }
    }
}
