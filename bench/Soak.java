import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed traffic against a confnotes server on loopback for a bounded time, then a tally of every
 * answer by kind and status. Stops by itself. Usage:
 * {@code java bench/Soak.java http://127.0.0.1:8080 600}
 */
public class Soak {

    static final List<String> PAGES = List.of("/", "/tags", "/follow-ups", "/talks/gc-in-golang",
            "/talks/context-state-management", "/talks/server-monitoring-tool", "/talks/go-testing",
            "/talks/ebpf-tracing", "/tags/testing", "/api/talks", "/api/talks/gc-in-golang", "/talks/no-such-talk");

    static final List<String> WORDS = List.of("테스트코드", "고루틴", "컨텍스트", "GOGC", "pprof", "/proc", "eBPF", "쿠버네티스",
            "레이턴시", "모니터링", "프로메테우스", "AfterFunc");

    static final Map<String, AtomicLong> tally = new ConcurrentHashMap<>();

    static final Pattern RUN_ID = Pattern.compile("\"id\"\\s*:\\s*\"([a-z0-9]+)\"");

    static String base;

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 600;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = {
                start("reader-1", end, Soak::readPage), start("reader-2", end, Soak::readPage),
                start("typist", end, Soak::typeSearch), start("viewer-1", end, Soak::watchMonitor),
                start("viewer-2", end, Soak::watchMonitor), start("runner", end, Soak::runDemo) };
        for (Thread worker : workers) {
            worker.join();
        }
        tally.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> System.out.printf("%-28s %8d%n", e.getKey(), e.getValue().get()));
        long unexpected = tally.entrySet().stream().filter(e -> e.getKey().contains("UNEXPECTED"))
            .mapToLong(e -> e.getValue().get()).sum();
        System.out.println(unexpected == 0 ? "PASS: no unexpected answers" : "FAIL: " + unexpected + " unexpected answers");
        System.exit(unexpected == 0 ? 0 : 1);
    }

    interface Step {
        void run() throws Exception;
    }

    static Thread start(String name, long end, Step step) {
        return Thread.ofVirtual().name(name).start(() -> {
            while (System.nanoTime() < end) {
                try {
                    step.run();
                }
                catch (Exception ex) {
                    count(name + " exception " + ex.getClass().getSimpleName() + " UNEXPECTED");
                }
            }
        });
    }

    static void readPage() throws Exception {
        String path = PAGES.get(ThreadLocalRandom.current().nextInt(PAGES.size()));
        int status = get(path, Map.of()).statusCode();
        boolean expected = path.contains("no-such") ? status == 404 : status == 200;
        count("page " + status + (expected ? "" : " UNEXPECTED"));
        Thread.sleep(20);
    }

    static void typeSearch() throws Exception {
        String word = WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size()));
        for (int i = 1; i <= word.length(); i++) {
            String q = URLEncoder.encode(word.substring(0, i), StandardCharsets.UTF_8);
            int status = get("/search?q=" + q, Map.of("HX-Request", "true")).statusCode();
            count("search " + status + (status == 200 || status == 429 ? "" : " UNEXPECTED"));
            Thread.sleep(200);
        }
    }

    static void watchMonitor() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/demos/proc-monitor/live"))
            .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        count("sse " + response.statusCode() + (response.statusCode() == 200 ? "" : " UNEXPECTED"));
        long stay = System.nanoTime() + ThreadLocalRandom.current().nextLong(3_000, 20_000) * 1_000_000L;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < stay && body.read(buffer) >= 0) {
                // reading is all a viewer does; leaving early is the disconnect under test
            }
        }
        count("sse disconnect");
    }

    static void runDemo() throws Exception {
        String body = "{\"shape\":\"fanout\",\"mode\":\"go\",\"timeoutMs\":800,\"workMs\":600,\"workers\":2}";
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/demos/context/runs"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        int status = started.statusCode();
        count("run start " + status + (status == 201 || status == 429 ? "" : " UNEXPECTED"));
        Matcher id = RUN_ID.matcher(started.body());
        if (status == 201 && id.find() && ThreadLocalRandom.current().nextBoolean()) {
            Thread.sleep(300);
            int cancel = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id.group(1) + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            count("run cancel " + cancel + (cancel / 100 == 2 || cancel == 409 ? "" : " UNEXPECTED"));
        }
        Thread.sleep(status == 429 ? 3000 : 1500);
    }

    static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void count(String key) {
        tally.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
