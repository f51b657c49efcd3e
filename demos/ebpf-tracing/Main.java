import demolib.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Probing a method at run time, and the thread-id trap. Client virtual threads call {@link Store#lookup}
 * (bimodal: cached or a miss that waits; a periodic compaction stalls everything). JFR's method tracing
 * (JDK 25, {@code jdk.MethodTrace} with a method filter, streamed in-process) times every call without
 * touching the source, the JVM's analogue of a uprobe. Two hand-written probes pair entry and exit, one
 * keyed by the carrier (OS) thread, one by the virtual thread; with more than one carrier a virtual
 * thread that parks inside the call often comes back on another carrier, and the carrier-keyed pair breaks.
 *
 * <pre>java demos/ebpf-tracing/Main.java --carriers=4 --clients=8 --missPct=30 --missMs=2 \
 *   --stallEverySec=2 --stallMs=120 --durationSec=12 --seed=42</pre>
 */
public final class Main {
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    static final long COLUMN_MS = 250;

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    static void run(Args a) throws InterruptedException {
        int carriers = a.intArg("carriers", 1, 8);
        int clients = a.intArg("clients", 1, 32);
        int background = a.intArg("background", 0, 32);
        int missPct = a.intArg("missPct", 0, 100);
        double missMs = a.decimalArg("missMs", 0.1, 50);
        int stallEverySec = a.intArg("stallEverySec", 0, 10);
        int stallMs = a.intArg("stallMs", 0, 1000);
        int durationSec = a.intArg("durationSec", 3, 60);
        long seed = a.longArg("seed", 0, 1_000_000);
        // The default scheduler reads this once, when the first virtual thread starts: set it before that.
        // The runner passes it as a JVM flag; a by-hand run gets it here.
        if (System.getProperty(PARALLELISM) == null) System.setProperty(PARALLELISM, Integer.toString(carriers));
        int effective = Integer.parseInt(System.getProperty(PARALLELISM));
        new Main(effective, clients, background, missPct, missMs, stallEverySec, stallMs, durationSec, seed).go();
    }

    final int carriers, clients, background, missPct, stallEverySec, stallMs, durationSec;
    final double missMs;
    final long seed;
    final Store store;
    final Heat jfrHeat = new Heat(COLUMN_MS);
    final Heat carrierHeat = new Heat(COLUMN_MS);
    final Probes probes = new Probes(carrierHeat, new Heat(COLUMN_MS));
    final List<Long> jfrMicros = new ArrayList<>();
    final AtomicLong jfrEvents = new AtomicLong();
    final AtomicReference<Map<String, Object>> timing = new AtomicReference<>();
    final AtomicLong stalls = new AtomicLong();
    final long epochToT = Emit.t() - System.currentTimeMillis();

    Main(int carriers, int clients, int background, int missPct, double missMs, int stallEverySec, int stallMs, int durationSec, long seed) {
        this.carriers = carriers;
        this.clients = clients;
        this.background = background;
        this.missPct = missPct;
        this.missMs = missMs;
        this.stallEverySec = stallEverySec;
        this.stallMs = stallMs;
        this.durationSec = durationSec;
        this.seed = seed;
        this.store = new Store(missPct, Math.round(missMs * 1000));
    }

    void go() throws InterruptedException {
        Emit.event("start", Json.obj("carriers", carriers, "clients", clients, "missPct", missPct, "missMs", missMs));
        long jfrStart = System.nanoTime();
        try (var rs = new RecordingStream()) {
            // the probe: every call of Store::lookup, instrumented when the recording starts, no source change
            rs.enable("jdk.MethodTrace").with("filter", "Store::lookup").withThreshold(Duration.ZERO).withoutStackTrace();
            rs.enable("jdk.MethodTiming").with("filter", "Store::lookup").withPeriod(Duration.ofSeconds(1));
            rs.onEvent("jdk.MethodTrace", this::traced);
            rs.onEvent("jdk.MethodTiming", this::timed);
            rs.startAsync();
            long jfrMs = (System.nanoTime() - jfrStart) / 1_000_000;
            Emit.event("jfrStarted", Json.obj("ms", jfrMs, "filter", "Store::lookup"));
            long startMs = Emit.t();
            long endMs = startMs + durationSec * 1000L;
            Thread compactor = compactor(endMs);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) threads.add(client(i, endMs));
            for (int i = 0; i < background; i++) threads.add(otherWork(i, endMs));
            Thread reporter = Thread.ofPlatform().daemon().name("reporter").start(() -> report(endMs));
            for (Thread t : threads) t.join();
            compactor.interrupt();
            compactor.join();
            reporter.join();
            rs.stop(); // blocks until the stream has delivered what was recorded
            publish(1.0);
            Emit.done(summary(jfrMs));
        }
    }

    Thread client(int index, long endMs) {
        var random = new Random(seed * 1_000_003L + index);
        return Thread.ofVirtual().name("client-" + index).start(() -> {
            try {
                while (Emit.t() < endMs) {
                    long key = random.nextLong();
                    probes.enter();
                    store.lookup(key);
                    probes.exit(Emit.t());
                    Thread.sleep(1 + random.nextInt(3)); // think time between requests
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Requests of other kinds on the same carriers: they never enter the probed method. */
    Thread otherWork(int index, long endMs) {
        var random = new Random(seed * 7_919L + index);
        return Thread.ofVirtual().name("other-" + index).start(() -> {
            long sink = 0;
            try {
                while (Emit.t() < endMs) {
                    long until = System.nanoTime() + 100_000 + random.nextInt(200_000);
                    while (System.nanoTime() < until) sink += sink * 31 + 7; // 0.1-0.3 ms of CPU
                    Thread.sleep(1 + random.nextInt(3));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            if (sink == 42) System.err.print(""); // keeps the loop from being optimised away
        });
    }

    Thread compactor(long endMs) {
        return Thread.ofPlatform().daemon().name("compactor").start(() -> {
            if (stallEverySec == 0 || stallMs == 0) return;
            try {
                while (true) {
                    Thread.sleep(stallEverySec * 1000L);
                    if (Emit.t() + stallMs >= endMs) return;
                    stalls.incrementAndGet();
                    Emit.event("stall", Json.obj("ms", stallMs));
                    store.compact(stallMs);
                }
            }
            catch (InterruptedException ex) {
                // the run is over
            }
        });
    }

    void traced(RecordedEvent e) {
        long micros = e.getDuration().toNanos() / 1000;
        long at = e.getStartTime().toEpochMilli() + epochToT;
        jfrHeat.add(at, micros);
        jfrEvents.incrementAndGet();
        synchronized (jfrMicros) {
            jfrMicros.add(micros);
        }
    }

    void timed(RecordedEvent e) {
        if (e.getLong("invocations") == 0) return;
        timing.set(Json.obj("invocations", e.getLong("invocations"),
                "averageUs", e.getDuration("average").toNanos() / 1000,
                "maximumUs", e.getDuration("maximum").toNanos() / 1000));
    }

    void report(long endMs) {
        long lastCalls = 0, lastSplit = 0, lastWrong = 0, lastAt = Emit.t();
        while (Emit.t() < endMs) {
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException ex) {
                return;
            }
            long now = Emit.t();
            double secs = Math.max(0.001, (now - lastAt) / 1000.0);
            long calls = probes.calls.sum(), split = probes.split.sum(), wrong = carrierBroken();
            var values = Json.obj("callsPerSec", (calls - lastCalls) / secs, "splitPerSec", (split - lastSplit) / secs,
                    "carrierWrongPerSec", (wrong - lastWrong) / secs);
            var t = timing.get();
            if (t != null) values.put("timingAverageUs", t.get("averageUs"));
            Emit.metric(values);
            lastCalls = calls;
            lastSplit = split;
            lastWrong = wrong;
            lastAt = now;
            publish(secs);
        }
    }

    long carrierBroken() {
        return probes.carrierWrong.sum() + probes.carrierLost.sum();
    }

    /** Heat-map columns that changed, the split table and the probe table. */
    void publish(double secs) {
        jfrHeat.drainChanged().forEach((col, data) -> Emit.snapshot("latency", Integer.toString(col), data));
        carrierHeat.drainChanged().forEach((col, data) -> Emit.snapshot("carrierProbe", Integer.toString(col), data));
        probes.virtualHeat.drainChanged();
        probes.splitCounts().forEach((road, n) -> {
            String[] ends = road.split(">");
            Emit.row("splits", road, Json.obj("from", ends[0], "to", ends[1], "calls", n));
        });
        long calls = probes.calls.sum();
        Emit.row("probes", "jfr", Json.obj("probe", "jfr-method-trace", "paired", jfrEvents.get(), "wrong", 0,
                "p99Us", jfrHeat.quantileUpperMicros(0.99), "verdict", "pass"));
        long vWrong = probes.virtualWrong.sum();
        Emit.row("probes", "virtual", Json.obj("probe", "virtual-thread-keyed", "paired", calls - vWrong, "wrong", vWrong,
                "p99Us", probes.virtualHeat.quantileUpperMicros(0.99), "verdict", vWrong == 0 ? "pass" : "fail"));
        long broken = carrierBroken();
        Emit.row("probes", "carrier", Json.obj("probe", "carrier-keyed", "paired", calls - broken, "wrong", broken,
                "p99Us", carrierHeat.quantileUpperMicros(0.99), "verdict", broken == 0 ? "pass" : "fail"));
    }

    Map<String, Object> summary(long jfrMs) {
        long[] sorted;
        synchronized (jfrMicros) {
            sorted = jfrMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long calls = probes.calls.sum();
        double mean = sorted.length == 0 ? 0 : java.util.Arrays.stream(sorted).average().orElse(0);
        long p99 = pick(sorted, 0.99);
        // a column holding a call of at least half the stall: the stripes the heat map shows
        int stallsSeen = stallMs * 1000L > 4 * missMs * 1000 ? jfrHeat.stripesReaching(Heat.bucket(stallMs * 500L)) : 0;
        var t = timing.get();
        long timingAverage = t == null ? 0 : ((Number) t.get("averageUs")).longValue();
        long broken = carrierBroken();
        return Json.obj("calls", calls, "jfrEvents", jfrEvents.get(), "carriers", carriers,
                "carriersSeen", probes.carriersSeen(),
                "splitPairs", probes.split.sum(), "splitPct", pct(probes.split.sum(), calls),
                "carrierWrong", broken, "carrierWrongPct", pct(broken, calls), "overwritten", probes.overwritten.sum(),
                "virtualWrong", probes.virtualWrong.sum(),
                "meanUs", Math.round(mean), "p50Us", pick(sorted, 0.50), "p99Us", p99, "maxUs", pick(sorted, 1.0),
                "timingAverageUs", timingAverage, "stalls", stalls.get(), "stallsSeen", stallsSeen,
                "averageHidesStall", stallsSeen > 0 && mean * 10 < stallMs * 1000.0 ? 1 : 0, "jfrStartMs", jfrMs);
    }

    static long pick(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    static double pct(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
