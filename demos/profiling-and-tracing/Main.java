import demolib.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Which query should we optimise? A tiny columnar engine runs a mixed workload of four query templates on a
 * few worker threads; every query is a JFR custom event (the trace), CPU samples come from JFR's
 * {@code jdk.ExecutionSample} (the profile), both streamed in-process. The first half runs the engine as
 * first written, the second half with the chosen optimisation switches: a before/after flame graph.
 *
 * <pre>java demos/profiling-and-tracing/Main.java --workers=3 --rowsK=200 --refreshMs=700 --dictionary=true \
 *   --noBoxing=true --presized=false --lockRemoved=false --sampleMs=10 --durationSec=16 --seed=42</pre>
 */
public final class Main {
    static final Map<String, Integer> WEIGHTS = Map.of("dashboard", 45, "revenue", 15, "cohort", 25, "report", 15);

    public static void main(String[] argv) {
        Args.run(argv, a -> new Main(a).go());
    }

    final int workers, refreshMs, sampleMs, durationSec;
    final long seed;
    final Queries.Switches after;
    final Table table;
    final Queries queries;
    final long epochToT = Emit.t() - System.currentTimeMillis();
    volatile long switchAtT = Long.MAX_VALUE;
    final Map<String, Stacks> flames = new ConcurrentHashMap<>();
    final Map<String, List<Double>> durations = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> samplesIn = new ConcurrentHashMap<>();
    final AtomicLong samples = new AtomicLong();
    final AtomicLong lockWaits = new AtomicLong();
    final AtomicLong spansSent = new AtomicLong();
    final AtomicLong spanBudget = new AtomicLong();
    volatile boolean flamesChanged;
    /** Queries hold it shared; the switch to the second half takes it alone, so no query straddles the two. */
    final java.util.concurrent.locks.ReentrantReadWriteLock halves = new java.util.concurrent.locks.ReentrantReadWriteLock();

    Main(Args a) {
        workers = a.intArg("workers", 1, 6);
        int rowsK = a.intArg("rowsK", 20, 400);
        refreshMs = a.intArg("refreshMs", 0, 1000);
        after = new Queries.Switches(a.boolArg("dictionary"), a.boolArg("noBoxing"), a.boolArg("presized"),
                a.boolArg("lockRemoved"));
        sampleMs = a.intArg("sampleMs", 1, 100);
        durationSec = a.intArg("durationSec", 4, 60);
        seed = a.longArg("seed", 0, 1_000_000);
        table = new Table(rowsK * 1000, 20_000, seed);
        queries = new Queries(table);
        for (String id : List.of("before", "after", "dashboard", "revenue", "cohort", "report")) flames.put(id, new Stacks());
    }

    static String phaseKey(String phase, String template) {
        return phase + "/" + template;
    }

    void go() throws InterruptedException {
        Emit.event("start", Json.obj("workers", workers, "rows", table.rows, "sampleMs", sampleMs));
        warmUp();
        long jfrStart = System.nanoTime();
        try (var rs = new RecordingStream()) {
            rs.enable(QueryEvent.class).withThreshold(Duration.ZERO);
            rs.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(sampleMs));
            rs.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withoutStackTrace();
            rs.onEvent("confnotes.Query", this::query);
            rs.onEvent("jdk.ExecutionSample", this::sample);
            rs.onEvent("jdk.JavaMonitorEnter", e -> lockWaits.incrementAndGet());
            rs.startAsync();
            Emit.event("jfrStarted", Json.obj("ms", (System.nanoTime() - jfrStart) / 1_000_000));
            long start = Emit.t();
            long half = start + durationSec * 500L;
            long end = start + durationSec * 1000L;
            Thread refresher = refresher(half, end);
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= workers; i++) threads.add(worker(i, half, end));
            Thread reporter = Thread.ofPlatform().daemon().name("reporter").start(() -> report(end));
            Thread.sleep(Math.max(0, half - Emit.t()));
            halves.writeLock().lock();
            try {
                // a quiet 20 ms around the switch: a sample's JFR time and this clock may differ by a little
                switchAtT = Emit.t() + 10;
                Thread.sleep(20);
            }
            finally {
                halves.writeLock().unlock();
            }
            Emit.event("phase", Json.obj("phase", "after", "dictionary", after.dictionary(), "noBoxing", after.noBoxing(),
                    "presized", after.presized(), "lockRemoved", after.lockRemoved()));
            for (Thread t : threads) t.join();
            refresher.interrupt();
            refresher.join();
            reporter.join();
            rs.stop(); // blocks until the stream has delivered what was recorded
            publish(true);
            Emit.done(summary());
        }
    }

    /** A server that has run for a while has its hot code compiled: run every template a few times first. */
    void warmUp() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            for (String tpl : Queries.TEMPLATES) {
                queries.run(tpl, Queries.Switches.NONE, i, new QueryEvent());
                queries.run(tpl, after, i, new QueryEvent());
            }
        }
        Emit.event("warmedUp", Json.obj("ms", (System.nanoTime() - t0) / 1_000_000));
    }

    Queries.Switches switchesAt(long t) {
        return t < switchAtT ? Queries.Switches.NONE : after;
    }

    String phaseAt(long t) {
        return t < switchAtT ? "before" : "after";
    }

    Thread worker(int index, long half, long end) {
        var random = new Random(seed * 31 + index);
        int totalWeight = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        return Thread.ofPlatform().name("worker-" + index).start(() -> {
            try {
                while (Emit.t() < end) {
                    int pick = random.nextInt(totalWeight);
                    String template = null;
                    for (String tpl : Queries.TEMPLATES) {
                        pick -= WEIGHTS.get(tpl);
                        if (pick < 0) {
                            template = tpl;
                            break;
                        }
                    }
                    long param = random.nextLong() & Long.MAX_VALUE;
                    halves.readLock().lock();
                    try {
                        long now = Emit.t();
                        var event = new QueryEvent();
                        event.template = template;
                        event.phase = phaseAt(now);
                        event.begin();
                        queries.run(template, switchesAt(now), param, event);
                        event.commit();
                    }
                    finally {
                        halves.readLock().unlock();
                    }
                    Thread.sleep(2 + random.nextInt(8)); // between queries: people read their dashboards
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    Thread refresher(long half, long end) {
        return Thread.ofPlatform().daemon().name("refresher").start(() -> {
            if (refreshMs == 0) return;
            try {
                while (Emit.t() + refreshMs < end) {
                    queries.refresh(switchesAt(Emit.t()), refreshMs);
                    Thread.sleep(Math.max(500, 1000 - refreshMs)); // the view is free at least half a second
                }
            }
            catch (InterruptedException ex) {
                // the run is over
            }
        });
    }

    void query(RecordedEvent e) {
        String template = e.getString("template");
        String phase = e.getString("phase");
        double ms = e.getDuration().toNanos() / 1e6;
        durations.computeIfAbsent(phaseKey(phase, template), k -> new ArrayList<>());
        var list = durations.get(phaseKey(phase, template));
        synchronized (list) {
            list.add(ms);
        }
        // the timeline: every query but the tiny dashboards, within a budget the event cap allows
        if (template.equals("dashboard") && ms < 5) return;
        if (spanBudget.incrementAndGet() > 40L * (Emit.t() / 1000 + 1)) return;
        double start = e.getStartTime().toEpochMilli() + epochToT;
        String lane = e.getThread() == null ? "?" : e.getThread().getJavaName();
        String id = "q" + spansSent.incrementAndGet();
        String group = "w" + (long) (start / 2000);
        double waited = e.getDouble("lockWaitMs");
        Emit.span("queries", new Emit.Span(id, null, lane, template, start, start + ms, group,
                Json.obj("phase", phase, "rows", e.getInt("rows"), "lockWaitMs", waited)));
        if (waited >= 0.5) {
            Emit.span("queries", new Emit.Span(id + "w", id, lane, "lock-wait", start, start + waited, group, null));
        }
    }


    void sample(RecordedEvent e) {
        String folded = trim(Stacks.fold(e.getStackTrace()));
        if (folded == null) return;
        long t = e.getStartTime().toEpochMilli() + epochToT;
        String phase = phaseAt(t);
        samples.incrementAndGet();
        flames.computeIfAbsent(phase, k -> new Stacks()).add(folded, 1);
        samplesIn.computeIfAbsent(phase, k -> new AtomicLong()).incrementAndGet();
        for (String tpl : Queries.TEMPLATES) {
            if (folded.contains("Queries." + tpl + ";") || folded.endsWith("Queries." + tpl)) {
                flames.computeIfAbsent(tpl, k -> new Stacks()).add(folded, 1);
                samplesIn.computeIfAbsent(phaseKey(phase, tpl), k -> new AtomicLong()).incrementAndGet();
            }
        }
        flamesChanged = true;
    }

    /** From the worker's loop down (the frames above it are the same in every sample); null off the workload. */
    static String trim(String folded) {
        for (String root : List.of("Main.lambda$worker", "Main.lambda$refresher")) {
            int at = folded.indexOf(root);
            if (at >= 0) {
                int semi = folded.indexOf(';', at);
                String head = root.contains("worker") ? "worker" : "refresher";
                return semi < 0 ? head : head + folded.substring(semi);
            }
        }
        return null;
    }

    void report(long end) {
        long last = 0;
        while (Emit.t() < end) {
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException ex) {
                return;
            }
            var values = new LinkedHashMap<String, Object>();
            for (String tpl : Queries.TEMPLATES) {
                double p99 = p99(phaseKey(phaseAt(Emit.t()), tpl));
                if (p99 > 0) values.put("p99." + tpl, p99);
            }
            if (!values.isEmpty()) Emit.metric(values);
            publish(++last % 4 == 0);
        }
    }

    double p99(String key) {
        var list = durations.get(key);
        if (list == null) return 0;
        double[] d;
        synchronized (list) {
            d = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return pick(d, 0.99);
    }

    static double pick(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    record Stats(long count, double p50, double p99, double cpuPct, double cpuMsPerQuery) {
    }

    Stats stats(String phase, String tpl) {
        var list = durations.getOrDefault(phaseKey(phase, tpl), List.of());
        double[] d;
        synchronized (list) {
            d = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        long inTpl = samplesIn.getOrDefault(phaseKey(phase, tpl), new AtomicLong()).get();
        long all = samplesIn.getOrDefault(phase, new AtomicLong()).get();
        double cpuPct = all == 0 ? 0 : Math.round(1000.0 * inTpl / all) / 10.0;
        double perQuery = d.length == 0 ? 0 : (double) inTpl * sampleMs / d.length;
        return new Stats(d.length, pick(d, 0.5), pick(d, 0.99), cpuPct, perQuery);
    }

    void publish(boolean withFlames) {
        for (String phase : List.of("before", "after")) {
            for (String tpl : Queries.TEMPLATES) {
                Stats s = stats(phase, tpl);
                if (s.count() == 0) continue;
                Emit.row("templates", phaseKey(phase, tpl), Json.obj("template", tpl, "phase", phase, "count", s.count(),
                        "p50Ms", s.p50(), "p99Ms", s.p99(), "cpuPct", s.cpuPct(), "cpuMsPerQuery", s.cpuMsPerQuery()));
            }
        }
        if (withFlames && flamesChanged) {
            flamesChanged = false;
            flames.forEach((id, stacks) -> Emit.snapshot("cpu", id, stacks.data()));
        }
    }

    Map<String, Object> summary() {
        String worst = null, top = null;
        double worstP99 = -1, topCpu = -1;
        for (String tpl : Queries.TEMPLATES) {
            Stats s = stats("before", tpl);
            if (s.p99() > worstP99) {
                worstP99 = s.p99();
                worst = tpl;
            }
            if (s.cpuPct() > topCpu) {
                topCpu = s.cpuPct();
                top = tpl;
            }
        }
        Stats reportBefore = stats("before", "report"), reportAfter = stats("after", "report");
        Stats topBefore = stats("before", top), topAfter = stats("after", top);
        var m = Json.obj("queries", durations.values().stream().mapToLong(List::size).sum(), "samples", samples.get(),
                "worstP99Template", worst, "worstP99Ms", worstP99, "topCpuTemplate", top, "topCpuPct", topCpu,
                "worstP99IsTopCpu", worst != null && worst.equals(top) ? 1 : 0,
                "reportP99Ms", reportBefore.p99(), "reportCpuPct", reportBefore.cpuPct(),
                "reportP99AfterMs", reportAfter.p99(), "lockWaits", lockWaits.get(),
                "topCpuMsPerQueryBefore", topBefore.cpuMsPerQuery(), "topCpuMsPerQueryAfter", topAfter.cpuMsPerQuery(),
                "topCpuAfterPct", topBefore.cpuMsPerQuery() == 0 ? 100
                        : Math.round(100 * topAfter.cpuMsPerQuery() / topBefore.cpuMsPerQuery()),
                "spans", spansSent.get());
        return m;
    }
}
