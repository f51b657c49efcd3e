import demolib.*;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chaos experiment in the style of LitmusChaos against a real three-service app on loopback: load at a
 * steady rate, a steady-state phase, a fault, a recovery phase, and probes that check the hypothesis
 * (p99 under a bound, error rate under a bound, the checkout answering) in Litmus's probe modes.
 */
public class Main {
    record Done(long startMs, long endMs, boolean ok) {
        double latencyMs() {
            return endMs - startMs;
        }
    }

    /** One probe in one phase: how many checks ran, how many failed, the worst value seen. */
    static final class Check {
        final String probe, mode, phase;
        final double bound;
        int runs, failed;
        double worst = Double.NaN;

        Check(String probe, String mode, String phase, double bound) {
            this.probe = probe;
            this.mode = mode;
            this.phase = phase;
            this.bound = bound;
        }

        void record(double value, boolean pass) {
            runs++;
            if (!pass) failed++;
            if (Double.isNaN(worst) || value > worst) worst = value;
        }

        boolean pass() {
            return runs > 0 && failed == 0;
        }

        Map<String, Object> cells() {
            return Json.obj("probe", probe, "mode", mode, "phase", phase, "runs", runs, "failed", failed,
                    "worst", Double.isNaN(worst) ? null : worst, "bound", bound,
                    "verdict", runs == 0 ? "not-run" : pass() ? "pass" : "fail");
        }
    }

    static final List<Done> completed = new ArrayList<>();
    static final List<Check> checks = new ArrayList<>();
    static volatile boolean stopping;

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    static void run(Args a) {
        String fault = a.choiceArg("fault", "kill", "latency", "errors", "cpu-hog");
        String radius = a.choiceArg("blastRadius", "one", "all");
        int latencyMs = a.intArg("latencyMs", 10, 2000);
        int errorPct = a.intArg("errorPct", 1, 100);
        int timeoutMs = a.intArg("timeoutMs", 0, 5000);
        int retries = a.intArg("retries", 0, 3);
        int rate = a.intArg("rate", 5, 100);
        int steadySec = a.intArg("steadySec", 2, 20);
        int chaosSec = a.intArg("chaosSec", 2, 30);
        int recoverySec = a.intArg("recoverySec", 2, 20);
        int p99BoundMs = a.intArg("p99BoundMs", 10, 2000);
        double errorBoundPct = a.decimalArg("errorBoundPct", 0, 100);
        long seed = a.longArg("seed", 0, 1_000_000);
        Commands.listen(cmd -> {
            if (!"stop".equals(cmd.get("cmd"))) throw new IllegalArgumentException("unknown command " + cmd.get("cmd"));
            stopping = true;
        });
        try (App app = new App(timeoutMs, retries, seed);
                ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient userClient = HttpClient.newBuilder().executor(users).version(HttpClient.Version.HTTP_1_1).build();
            URI checkout = URI.create("http://127.0.0.1:" + app.gatewayPort() + "/checkout");
            Emit.event("appStarted", Json.obj("gateway", String.valueOf(app.gatewayPort()), "replicas", app.orders.size(), "rate", rate,
                    "timeoutMs", timeoutMs, "retries", retries));
            Emit.state("phase", "Pending");
            Thread load = Thread.ofVirtual().name("load").start(() -> generateLoad(userClient, users, checkout, rate));
            // warm-up, not judged: the first calls of a fresh JVM run interpreted and open connections
            pace(app, 2000, null, 0, 0);
            synchronized (completed) {
                completed.clear();
            }
            judgedFrom = Emit.t();

            Map<String, Check> steady = phaseChecks("SteadyState", p99BoundMs, errorBoundPct);
            Check sot = new Check("checkout-http", "SOT", "SteadyState", 200);
            checks.add(sot);
            Emit.state("phase", "SteadyState");
            boolean sotPass = httpProbe(userClient, checkout);
            sot.record(sotPass ? 200 : 0, sotPass);
            emitRow(sot);
            Map<String, Double> p99s = new LinkedHashMap<>();
            long steadyStart = Emit.t();
            pace(app, steadySec * 1000L, steady, 0, p99BoundMs);
            p99s.put("steady", p99Between(steadyStart, Emit.t()));

            long chaosStart = Emit.t(), chaosEnd = chaosStart;
            Map<String, Check> chaos = phaseChecks("ChaosInjection", p99BoundMs, errorBoundPct);
            Map<String, Check> recovery = phaseChecks("Recovery", p99BoundMs, errorBoundPct);
            Check eot = new Check("checkout-http", "EOT", "Recovery", 200);
            checks.add(eot);
            if (!sotPass) {
                // Litmus aborts an experiment whose start-of-test probe fails: no chaos on an unhealthy app
                Emit.event("aborted", Json.obj("probe", "checkout-http"));
            }
            else if (!stopping) {
                List<App.Replica> targets = radius.equals("one") ? app.orders.subList(0, 1) : app.orders;
                Emit.state("phase", "ChaosInjection");
                Emit.event("faultStart", Json.obj("fault", fault,
                        "targets", String.join(", ", targets.stream().map(r -> r.name).toList())));
                List<Thread> hogs = inject(fault, targets, latencyMs, errorPct);
                pace(app, chaosSec * 1000L, chaos, 0, p99BoundMs);
                chaosEnd = Emit.t();
                revert(targets, hogs);
                Emit.event("faultEnd", Json.obj("fault", fault));
                p99s.put("chaos", p99Between(chaosStart, chaosEnd));

                Emit.state("phase", "Recovery");
                long recoveryStart = Emit.t();
                // initialDelay, as a Litmus probe's runProperties set: let requests begun under the fault drain first
                pace(app, recoverySec * 1000L, recovery, 1000, p99BoundMs);
                p99s.put("recovery", p99Between(recoveryStart + 1000, Emit.t()));
                boolean eotPass = httpProbe(userClient, checkout);
                eot.record(eotPass ? 200 : 0, eotPass);
            }
            stopping = true;
            load.join(3000);
            checks.forEach(Main::emitRow);

            int passed = (int) checks.stream().filter(Check::pass).count();
            boolean verdict = passed == checks.size();
            int score = (int) Math.round(100.0 * passed / checks.size());
            Emit.state("phase", verdict ? "Pass" : "Fail");
            long chaosErrors, chaosCount;
            synchronized (completed) {
                final long cs = chaosStart, ce = chaosEnd;
                chaosErrors = completed.stream().filter(d -> d.startMs() >= cs && d.startMs() < ce && !d.ok()).count();
                chaosCount = completed.stream().filter(d -> d.startMs() >= cs && d.startMs() < ce).count();
            }
            Emit.done(Json.obj("verdict", verdict ? "Pass" : "Fail", "resilienceScore", score, "fault", fault,
                    "blastRadius", radius, "steadyP99Ms", p99s.get("steady"), "chaosP99Ms", p99s.getOrDefault("chaos", 0.0),
                    "recoveryP99Ms", p99s.getOrDefault("recovery", 0.0), "chaosRequests", chaosCount,
                    "chaosErrors", chaosErrors,
                    "chaosErrorPct", chaosCount == 0 ? 0.0 : 100.0 * chaosErrors / chaosCount,
                    "maxInFlight", maxInFlight, "maxOsThreads", maxOsThreads, "retriesMade", app.retriesMade.get(), "timeoutMs", timeoutMs,
                    "retries", retries));
        }
        catch (IOException e) {
            Emit.error("appFailed", Json.obj("reason", String.valueOf(e.getMessage())), "the app could not start: " + e);
            System.exit(1);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    static Map<String, Check> phaseChecks(String phase, double p99Bound, double errorBound) {
        var m = new LinkedHashMap<String, Check>();
        m.put("p99", new Check("p99-latency", "Continuous", phase, p99Bound));
        m.put("errors", new Check("error-rate", "Continuous", phase, errorBound));
        checks.addAll(m.values());
        return m;
    }

    /** An open-loop load: requests start on schedule whether or not earlier ones have answered, as real users do. */
    static void generateLoad(HttpClient client, ExecutorService users, URI uri, int rate) {
        long periodNs = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (!stopping) {
            users.submit(() -> {
                long start = Emit.t();
                boolean ok;
                try {
                    var resp = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    ok = resp.statusCode() == 200;
                }
                catch (IOException e) {
                    ok = false;
                }
                catch (InterruptedException e) {
                    return;
                }
                synchronized (completed) {
                    completed.add(new Done(start, Emit.t(), ok));
                }
            });
            next += periodNs;
            long wait = next - System.nanoTime();
            if (wait > 0) App.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    static int maxInFlight, maxOsThreads;

    /**
     * Runs one phase for {@code ms}: metrics every 250 ms over the last second, and the continuous probes
     * every 500 ms after {@code initialDelayMs}.
     */
    static void pace(App app, long ms, Map<String, Check> probes, long initialDelayMs, double p99Bound) {
        long start = Emit.t();
        int tick = 0;
        while (!stopping && Emit.t() - start < ms) {
            App.sleep(250);
            long now = Emit.t();
            List<Done> window = window(now - 1000, now);
            double p99 = percentile(window, 0.99), p50 = percentile(window, 0.50);
            long errors = window.stream().filter(d -> !d.ok()).count();
            int inFlight = app.inFlight.get();
            // virtual threads are not counted here: this is what the waiting requests cost in OS threads
            int osThreads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
            if (probes != null) {
                maxInFlight = Math.max(maxInFlight, inFlight);
                maxOsThreads = Math.max(maxOsThreads, osThreads);
            }
            Emit.metric(Json.obj("p50", p50, "p99", p99, "p99Bound", p99Bound, "errorsPerSec", errors,
                    "inFlight", inFlight, "osThreads", osThreads));
            if (probes != null && ++tick % 2 == 0 && now - start >= initialDelayMs && !window.isEmpty()) {
                double errorPct = 100.0 * errors / window.size();
                Check p = probes.get("p99"), e = probes.get("errors");
                p.record(p99, p99 < p.bound);
                e.record(errorPct, errorPct <= e.bound);
                emitRow(p);
                emitRow(e);
            }
        }
    }

    /** Requests begun once the experiment started: the warm-up's stragglers are not judged. */
    static volatile long judgedFrom;

    static List<Done> window(long from, long to) {
        synchronized (completed) {
            return completed.stream().filter(d -> d.endMs() > from && d.endMs() <= to && d.startMs() >= judgedFrom).toList();
        }
    }

    static double p99Between(long from, long to) {
        List<Done> started;
        synchronized (completed) {
            started = completed.stream().filter(d -> d.startMs() >= from && d.startMs() < to).toList();
        }
        return percentile(started, 0.99);
    }

    static double percentile(List<Done> done, double q) {
        if (done.isEmpty()) return 0;
        double[] l = done.stream().mapToDouble(Done::latencyMs).sorted().toArray();
        return l[Math.min(l.length - 1, (int) Math.ceil(q * l.length) - 1)];
    }

    /**
     * Litmus's httpProbe: a GET that passes on a 200 within its responseTimeout (3 s), tried up to three
     * times as a probe's runProperties.attempt allows, so one slow answer alone does not fail it.
     */
    static boolean httpProbe(HttpClient client, URI uri) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                var resp = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() == 200) return true;
            }
            catch (IOException e) {
                // counts as a failed attempt
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            App.sleep(200);
        }
        return false;
    }

    static List<Thread> inject(String fault, List<App.Replica> targets, int latencyMs, int errorPct) {
        List<Thread> hogs = new ArrayList<>();
        for (App.Replica r : targets) {
            switch (fault) {
                case "kill" -> r.kill();
                case "latency" -> r.latencyMs = latencyMs;
                case "errors" -> r.errorShare = errorPct / 100.0;
                default -> { }
            }
        }
        if (fault.equals("cpu-hog")) {
            // every service shares this one JVM (and its one processor), so a hog slows them all, unlike
            // a hog in one pod's cgroup
            for (int i = 0; i < 2; i++) {
                hogs.add(Thread.ofPlatform().daemon(true).name("cpu-hog-" + i).start(() -> {
                    long x = 0;
                    while (!Thread.currentThread().isInterrupted()) x += System.nanoTime() % 7;
                    if (x == 42) System.err.print("");
                }));
            }
        }
        return hogs;
    }

    static void revert(List<App.Replica> targets, List<Thread> hogs) {
        hogs.forEach(Thread::interrupt);
        for (App.Replica r : targets) {
            r.latencyMs = 0;
            r.errorShare = 0;
            try {
                r.restart();
            }
            catch (IOException e) {
                Emit.event("restartFailed", Json.obj("replica", r.name, "reason", String.valueOf(e.getMessage())));
            }
        }
    }

    static void emitRow(Check c) {
        Emit.row("verdicts", c.probe + "/" + c.mode + "/" + c.phase, c.cells());
    }
}
