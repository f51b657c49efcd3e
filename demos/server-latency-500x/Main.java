import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import demolib.*;

/**
 * From the sum of the calls to the slowest one: a product page served by a legacy handler (seven
 * downstream calls one after another) and by a rewrite (parallel on virtual threads, or lazily in
 * parallel through {@link Call}), against seven real loopback services. The same requests go to both;
 * a comparator checks the rewrite's response bytes against the legacy's and reports the first byte
 * that differs.
 *
 * <pre>java demos/server-latency-500x/Main.java --seed=42 --strategy=lazy --requests=40 --concurrency=4 \
 *   --latencyMs=30 --tailPercent=5 --failPercent=5 --errorCache=true --bug=false</pre>
 */
public final class Main {
    /** Each phase stops sending new requests after this long, so the longest allowed run stays within its limit. */
    static final long PHASE_BUDGET_MS = 50_000;
    /** Waterfalls sent per run: enough to pick from, few enough for the event rate. */
    static final int WATERFALLS = 10;

    static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    /** One request a client sends: its key and the user and item it asks about. */
    record Req(int index, String key, String user, String item) {}

    /** What a phase (one handler) measured. */
    static final class Phase {
        final String handler, strategy;
        final int total;
        final double[] ms;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger errorPages = new AtomicInteger();
        final AtomicInteger diffs = new AtomicInteger();
        final long startNs = System.nanoTime();
        volatile long endNs;
        long callsBefore, allocBefore;
        double callsPerRequest, allocKbPerRequest;
        boolean compared;

        Phase(String handler, String strategy, int total) {
            this.handler = handler;
            this.strategy = strategy;
            this.total = total;
            this.ms = new double[total];
        }

        synchronized double[] sorted() {
            double[] copy = Arrays.copyOf(ms, done.get());
            Arrays.sort(copy);
            return copy;
        }

        double percentile(double p) {
            double[] s = sorted();
            if (s.length == 0) return 0;
            return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
        }

        double seconds() {
            return ((endNs == 0 ? System.nanoTime() : endNs) - startNs) / 1e9;
        }

        Map<String, Object> cells() {
            int n = done.get();
            return Json.obj("handler", handler, "strategy", strategy, "done", n, "rps", round(n / Math.max(1e-3, seconds()), 1),
                    "p50Ms", round(percentile(0.5), 1), "p99Ms", round(percentile(0.99), 1),
                    "callsPerRequest", round(callsPerRequest, 2), "allocKb", round(allocKbPerRequest, 1),
                    "errorPages", errorPages.get(), "diffs", compared ? diffs.get() : null,
                    "verdict", !compared ? "info" : diffs.get() == 0 ? "pass" : "fail");
        }
    }

    static void run(Args a) throws Exception {
        long seed = a.longArg("seed", 0, 1_000_000);
        String strategy = a.choiceArg("strategy", "sequential", "parallel", "lazy");
        int requests = a.intArg("requests", 10, 200);
        int concurrency = a.intArg("concurrency", 1, 16);
        int latencyMs = a.intArg("latencyMs", 5, 100);
        int tailPercent = a.intArg("tailPercent", 0, 30);
        int failPercent = a.intArg("failPercent", 0, 50);
        boolean errorCache = a.boolArg("errorCache");
        boolean bug = a.boolArg("bug");

        Emit.event("start", Json.obj("strategy", strategy, "requests", requests, "concurrency", concurrency,
                "latencyMs", latencyMs, "tailPercent", tailPercent, "failPercent", failPercent, "bug", bug));
        var renderer = new RewriteRenderer(bug);
        var failedCases = RewriteUnitTests.failures(renderer);
        int unitPassed = RewriteUnitTests.CASES.size() - failedCases.size();
        Emit.event("unitTests", Json.obj("passed", unitPassed, "failed", failedCases.size()));

        List<Req> reqs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String key = "r" + (i + 1);
            var rnd = new java.util.SplittableRandom(Downstream.mix(seed, "request", key));
            reqs.add(new Req(i, key, Integer.toString(rnd.nextInt(40)), Integer.toString(rnd.nextInt(25))));
        }
        var errorPage = Handlers.errorPages(errorCache);
        Frontend.Handler rewriteHandler = switch (strategy) {
            case "parallel" -> Handlers.parallel(renderer, errorPage);
            case "lazy" -> Handlers.lazy(renderer, errorPage);
            default -> sequentialRewrite(renderer, errorPage);
        };
        var clients = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "client");
            t.setDaemon(true);
            return t;
        });
        try (var downstream = new Downstream(seed, latencyMs, tailPercent, failPercent);
                var legacyServer = new Frontend("legacy", downstream, Handlers.legacy());
                var rewriteServer = new Frontend("rewrite", downstream, rewriteHandler)) {
            // a few requests first, all at once, so the JIT has seen both paths before anything is measured
            var warmups = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 3; i++) {
                var w = new Req(-1, "warm" + i, "1", Integer.toString(i));
                for (Frontend server : List.of(legacyServer, rewriteServer)) {
                    warmups.add(clients.submit(() -> {
                        get(server, w);
                        return server.trace(w.key());
                    }));
                }
            }
            for (var w : warmups) w.get();

            var legacy = new Phase("legacy", "sequential", requests);
            Map<String, byte[]> legacyBodies = new ConcurrentHashMap<>();
            Map<String, Frontend.Request> legacyTraces = new ConcurrentHashMap<>();
            runPhase(legacy, legacyServer, downstream, reqs, clients, (req, res) -> {
                legacyBodies.put(req.key(), res.body());
                Frontend.Request tr = legacyServer.trace(req.key());
                if (tr != null) legacyTraces.put(req.key(), tr);
                Emit.metric(Json.obj("legacyMs", round(res.ms(), 2)));
            });

            var rewrite = new Phase("rewrite", strategy, requests);
            rewrite.compared = true;
            int every = Math.max(1, requests / WATERFALLS);
            var firstDiff = new AtomicLong(-1);
            runPhase(rewrite, rewriteServer, downstream, reqs, clients, (req, res) -> {
                Emit.metric(Json.obj("rewriteMs", round(res.ms(), 2)));
                byte[] expected = legacyBodies.get(req.key());
                if (expected != null) {
                    int at = Comparator.firstDifference(expected, res.body());
                    if (at >= 0 && rewrite.diffs.incrementAndGet() == 1) {
                        firstDiff.set(at);
                        Emit.event("diff", Comparator.describe(req.key(), expected, res.body(), at));
                    }
                }
                Frontend.Request tr = rewriteServer.trace(req.key());
                if (req.index() % every == 0 && tr != null && legacyTraces.containsKey(req.key())) {
                    waterfall(req.key(), "legacy", "sequential", legacyTraces.get(req.key()));
                    waterfall(req.key(), "rewrite", strategy, tr);
                }
            });

            double speedup = legacy.percentile(0.5) / Math.max(1e-3, rewrite.percentile(0.5));
            Emit.done(Json.obj("strategy", strategy, "requests", rewrite.done.get(),
                    "legacyP50Ms", round(legacy.percentile(0.5), 1), "legacyP99Ms", round(legacy.percentile(0.99), 1),
                    "rewriteP50Ms", round(rewrite.percentile(0.5), 1), "rewriteP99Ms", round(rewrite.percentile(0.99), 1),
                    "speedupP50", round(speedup, 2),
                    "legacyCallsPerRequest", round(legacy.callsPerRequest, 2), "rewriteCallsPerRequest", round(rewrite.callsPerRequest, 2),
                    "callsSaved", round(legacy.callsPerRequest - rewrite.callsPerRequest, 2),
                    "legacyAllocKb", round(legacy.allocKbPerRequest, 1), "rewriteAllocKb", round(rewrite.allocKbPerRequest, 1),
                    "errorPages", rewrite.errorPages.get(),
                    "unitTestsPassed", unitPassed, "unitTestsFailed", failedCases.size(),
                    "diffs", rewrite.diffs.get(), "firstDiffOffset", firstDiff.get(),
                    "verdict", rewrite.diffs.get() == 0 ? "identical" : "differs"));
        }
        finally {
            clients.shutdownNow();
        }
    }

    /** "sequential" as the rewrite's strategy: the legacy call order with the rewrite's renderer and error cache. */
    static Frontend.Handler sequentialRewrite(RewriteRenderer renderer, java.util.function.Supplier<byte[]> errorPage) {
        return (r, exec) -> {
            Map<String, Object> profile = r.optional("profile");
            if (profile == null) profile = PageData.GUEST;
            Map<String, Object> item, pricing;
            try {
                item = r.call("catalog");
                pricing = r.call("pricing", "tier", (String) profile.get("tier"));
            }
            catch (Frontend.Failure f) {
                r.errorPage = true;
                return errorPage.get();
            }
            return renderer.render(PageData.of(profile, item, pricing, r.optional("stock"), r.optional("reviews"),
                    r.optional("recs"), r.optional("shipping")));
        };
    }

    record Response(double ms, int status, byte[] body) {}

    static Response get(Frontend server, Req req) throws Exception {
        long t0 = System.nanoTime();
        var conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + "/page?key=" + req.key()
                + "&user=" + req.user() + "&item=" + req.item()).toURL().openConnection();
        conn.setConnectTimeout(5000);
        conn.setReadTimeout(60000);
        int status = conn.getResponseCode();
        byte[] body;
        try (InputStream in = status < 400 ? conn.getInputStream() : conn.getErrorStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        return new Response((System.nanoTime() - t0) / 1e6, status, body);
    }

    interface OnResult {
        void accept(Req req, Response res) throws Exception;
    }

    /** Sends every request through {@code concurrency} clients, reporting the phase's row as it goes. */
    static void runPhase(Phase phase, Frontend server, Downstream downstream, List<Req> reqs, ExecutorService clients,
            OnResult onResult) throws Exception {
        Emit.event("phase", Json.obj("handler", phase.handler, "strategy", phase.strategy));
        phase.callsBefore = downstream.calls(server.name);
        phase.allocBefore = carrierAllocatedBytes();
        var next = new AtomicInteger();
        var failures = new ArrayList<Exception>();
        var workers = new ArrayList<java.util.concurrent.Future<?>>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PHASE_BUDGET_MS);
        var reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reporter");
            t.setDaemon(true);
            return t;
        });
        reporter.scheduleAtFixedRate(() -> Emit.row("handlers", phase.handler, phase.cells()), 300, 300, TimeUnit.MILLISECONDS);
        int clientCount = ((java.util.concurrent.ThreadPoolExecutor) clients).getCorePoolSize();
        for (int c = 0; c < clientCount; c++) {
            workers.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < reqs.size() && System.nanoTime() < deadline) {
                    Req req = reqs.get(i);
                    try {
                        Response res = get(server, req);
                        if (res.status() == 503) phase.errorPages.incrementAndGet();
                        synchronized (phase) {
                            phase.ms[phase.done.getAndIncrement()] = res.ms();
                        }
                        onResult.accept(req, res);
                    }
                    catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        return;
                    }
                }
            }));
        }
        for (var w : workers) w.get();
        phase.endNs = System.nanoTime();
        reporter.shutdownNow();
        reporter.awaitTermination(1, TimeUnit.SECONDS);
        if (!failures.isEmpty()) throw failures.get(0);
        int n = Math.max(1, phase.done.get());
        phase.callsPerRequest = (downstream.calls(server.name) - phase.callsBefore) / (double) n;
        phase.allocKbPerRequest = (carrierAllocatedBytes() - phase.allocBefore) / 1024.0 / n;
        if (phase.done.get() < reqs.size()) {
            Emit.event("cutShort", Json.obj("handler", phase.handler, "done", phase.done.get(), "requests", reqs.size(),
                    "budgetSeconds", PHASE_BUDGET_MS / 1000));
        }
        Emit.row("handlers", phase.handler, phase.cells());
    }

    /** One request's calls as spans: a root for the handler, a child per downstream call, in ms since the request began. */
    static void waterfall(String key, String handler, String strategy, Frontend.Request tr) {
        String root = key + "/" + handler;
        Emit.span("waterfall", new Emit.Span(root, null, handler, strategy, 0, round(tr.totalMs, 2), key,
                Json.obj("errorPage", tr.errorPage)));
        List<Frontend.Span> spans;
        synchronized (tr.spans) {
            spans = List.copyOf(tr.spans);
        }
        for (var s : spans) {
            Emit.span("waterfall", new Emit.Span(root + "/" + s.service(), root, handler, s.service(), round(s.start(), 2),
                    round(s.end(), 2), key, Json.obj("ok", s.ok())));
        }
    }

    /**
     * Bytes allocated so far by the virtual-thread carriers. The JDK reports no allocation for a virtual
     * thread itself (-1), but its carrier's counter includes what it ran; only the front ends' handlers
     * run on virtual threads here (services and clients are platform threads).
     */
    static long carrierAllocatedBytes() {
        long sum = 0;
        for (ThreadInfo ti : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().startsWith("ForkJoinPool-1-worker")) {
                long b = THREADS.getThreadAllocatedBytes(ti.getThreadId());
                if (b > 0) sum += b;
            }
        }
        return sum;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

}
