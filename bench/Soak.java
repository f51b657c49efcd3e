import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load against a running confnotes for a given time: page reads, search, viewers joining and
 * leaving the shared /proc monitor stream, context demo runs started (429s are expected: the run bound
 * and the rate limit), watched for a while and canceled, and a health probe throughout. Prints a tally;
 * exits 0 when health answered every probe in time, 1 otherwise (the server stalled). Every request has
 * a timeout and every stream a hard deadline, so this ends by itself even against a dead server.
 * <pre>java bench/Soak.java PORT SECONDS [VIEWERS]</pre>
 */
public class Soak {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

    static final String[] QUERIES = { "컨텍스트", "GOGC", "고루틴", "pprof", "테스트", "eBPF", "/proc", "\"unbalanced", "메모리" };

    static final Map<String, AtomicLong> tally = new ConcurrentHashMap<>();

    static final AtomicLong healthSlowestMs = new AtomicLong();

    static HttpClient http;

    static String base;

    static long deadline;

    static ScheduledExecutorService closer;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int viewers = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        base = "http://127.0.0.1:" + port;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().factory())).build();
        closer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> pages = pages();
        List<Thread> workers = new ArrayList<>();
        workers.add(worker("health", Soak::health));
        for (int i = 0; i < 2; i++) {
            workers.add(worker("pages-" + i, () -> page(pages)));
        }
        workers.add(worker("search", Soak::search));
        for (int i = 0; i < 2; i++) {
            workers.add(worker("runs-" + i, Soak::contextRun));
        }
        for (int i = 0; i < viewers; i++) {
            workers.add(worker("viewer-" + i, Soak::viewer));
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + 30_000);
        }
        boolean stuck = workers.stream().anyMatch(Thread::isAlive);
        System.out.println("SOAK tally (" + seconds + " s, " + viewers + " viewers at a time):");
        new TreeMap<>(tally).forEach((k, v) -> System.out.printf("  %-28s %d%n", k, v.get()));
        System.out.printf("  %-28s %d ms%n", "health slowest", healthSlowestMs.get());
        long healthBad = count("health fail");
        boolean ok = healthBad == 0 && count("health ok") > 0 && !stuck && count("viewer event") > 0
                && count("page 200") > 0;
        System.out.println(ok ? "SOAK load OK" : "SOAK load FAILED (health failures " + healthBad + ", stuck workers " + stuck + ")");
        System.exit(ok ? 0 : 1);
    }

    interface Step {

        void run() throws Exception;
    }

    static Thread worker(String name, Step step) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            while (System.nanoTime() < deadline) {
                try {
                    step.run();
                }
                catch (InterruptedException ex) {
                    return;
                }
                catch (Exception ex) {
                    add(name.replaceAll("-\\d+$", "") + " error " + ex.getClass().getSimpleName());
                    pause(200);
                }
            }
        });
    }

    static long count(String key) {
        AtomicLong n = tally.get(key);
        return n == null ? 0 : n.get();
    }

    static void add(String key) {
        tally.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static HttpResponse<String> get(String path, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> pages() throws Exception {
        List<String> pages = new ArrayList<>(List.of("/", "/search?q=context", "/demos/context", "/demos/proc-monitor",
                "/demos/gc", "/follow-ups"));
        Matcher slugs = Pattern.compile("\"slug\"\\s*:\\s*\"([^\"]+)\"").matcher(get("/api/talks", REQUEST_TIMEOUT).body());
        while (slugs.find()) {
            pages.add("/talks/" + slugs.group(1));
        }
        return pages;
    }

    static void health() throws Exception {
        long t0 = System.nanoTime();
        try {
            int status = get("/actuator/health", HEALTH_TIMEOUT).statusCode();
            add(status == 200 ? "health ok" : "health fail " + status);
        }
        catch (java.net.http.HttpTimeoutException ex) {
            add("health fail timeout");
        }
        healthSlowestMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
        Thread.sleep(500);
    }

    static void page(List<String> pages) throws Exception {
        String path = pages.get(ThreadLocalRandom.current().nextInt(pages.size()));
        add("page " + get(path, REQUEST_TIMEOUT).statusCode());
        Thread.sleep(20);
    }

    static void search() throws Exception {
        String q = QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)];
        String path = (ThreadLocalRandom.current().nextBoolean() ? "/api/search?q=" : "/search?q=")
                + URLEncoder.encode(q, StandardCharsets.UTF_8);
        add("search " + get(path, REQUEST_TIMEOUT).statusCode());
        Thread.sleep(150);
    }

    /** Starts a context run, watches it for a while, cancels it most of the time. */
    static void contextRun() throws Exception {
        HttpResponse<String> created = post("/api/demos/context/runs", "{}");
        add("run start " + created.statusCode());
        if (created.statusCode() != 201) {
            Thread.sleep(1000);
            return;
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z0-9]{16})\"").matcher(created.body());
        if (!id.find()) {
            add("run start no id");
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long events = read("/api/runs/" + id.group(1) + "/events", 300 + random.nextInt(2500), "end");
        add(events > 0 ? "run watched" : "run watched no events");
        if (random.nextInt(4) != 0) {
            add("run cancel " + post("/api/runs/" + id.group(1) + "/cancel", "").statusCode());
        }
    }

    static void viewer() throws Exception {
        long events = read("/demos/proc-monitor/live", 1000 + ThreadLocalRandom.current().nextInt(7000), null);
        add("viewer session");
        tally.computeIfAbsent("viewer event", k -> new AtomicLong()).addAndGet(events);
        Thread.sleep(ThreadLocalRandom.current().nextInt(500));
    }

    /** Reads an event stream for up to {@code forMs} (or until event {@code stopAt}), then hangs up; the events read. */
    static long read(String path, long forMs, String stopAt) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "text/event-stream").timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            add("stream " + response.statusCode());
            response.body().close();
            Thread.sleep(500);
            return 0;
        }
        long until = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(forMs), deadline);
        InputStream body = response.body();
        // hang up on time even while a read waits for the next event (or for a server that went silent)
        var hangUp = closer.schedule(() -> quietlyClose(body), Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        long events = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events++;
                    if (stopAt != null && line.substring(6).strip().equals(stopAt)) {
                        break;
                    }
                }
            }
        }
        catch (java.io.IOException ex) {
            if (System.nanoTime() < until) {
                add("stream broken " + ex.getClass().getSimpleName());
            }
        }
        finally {
            hangUp.cancel(false);
        }
        return events;
    }

    static void quietlyClose(InputStream in) {
        try {
            in.close();
        }
        catch (Exception ex) {
            // already closed
        }
    }
}
