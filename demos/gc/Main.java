import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import demolib.Args;
import demolib.Commands;
import demolib.Emit;
import demolib.Json;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * GC lab: allocates at a chosen rate and object-size mix on top of a live set, and streams every
 * collection (GC notifications), heap use and an estimate of GC CPU share.
 *
 * <pre>java -XX:+UseG1GC -Xmx256m demos/gc/Main.java --collector=G1 --heapMb=256 --softMaxMb=0 \
 *   --allocMbPerSec=100 --liveSetMb=64 --mix=mixed --durationSec=20 --periodicGcMs=0 --seed=42</pre>
 *
 * The collector and heap cap are JVM flags (set by the runner from the manifest). SoftMaxHeapSize
 * is a manageable flag, so this program sets it itself at start (0 = leave it off). The periodic
 * GC is done by this program (System.gc() when no collection happened for periodicGcMs), because
 * -XX:G1PeriodicGCInterval exists only for G1 and is skipped while the JVM is busy. Lines carry kinds
 * and fields only: demo.yml words them in the reader's language.
 */
public final class Main {
    static final long MB = 1024 * 1024;
    static final AtomicBoolean stop = new AtomicBoolean();
    static final AtomicLong lastGcMs = new AtomicLong();
    static final List<Double> pauses = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong collections = new AtomicLong();
    static final AtomicLong cycles = new AtomicLong();
    static final AtomicLong forced = new AtomicLong();
    static volatile boolean zgc;
    static volatile long allocatorTid = -1;
    static volatile long allocatedBytes; // from the allocator thread's counter

    public static void main(String[] argv) {
        Args.run(argv, args -> {
            try {
                run(args);
            } catch (OutOfMemoryError e) {
                Emit.error("outOfMemory", Json.obj("detail", String.valueOf(e.getMessage())),
                        "OutOfMemoryError: the live set plus allocation did not fit in the heap (" + e.getMessage() + ")");
                System.exit(3);
            }
        });
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void run(Args a) throws Exception {
        String collectorParam = a.choiceArg("collector", "Serial", "Parallel", "G1", "ZGC");
        long heapMbParam = a.intArg("heapMb", 32, 512);
        long softMaxMb = a.intArg("softMaxMb", 0, 512);
        long allocRate = a.intArg("allocMbPerSec", 1, 1000);
        long liveSetMb = a.intArg("liveSetMb", 0, 400);
        String mix = a.choiceArg("mix", "tiny", "small", "large", "mixed");
        long durationSec = a.intArg("durationSec", 1, 120);
        long periodicGcMs = a.intArg("periodicGcMs", 0, 60000);
        long seed = a.has("seed") ? a.longArg("seed", 0, 1_000_000) : 42;

        var gcBeans = ManagementFactory.getGarbageCollectorMXBeans();
        List<String> names = gcBeans.stream().map(GarbageCollectorMXBean::getName).toList();
        zgc = names.stream().anyMatch(n -> n.startsWith("ZGC"));
        long maxHeapMb = Runtime.getRuntime().maxMemory() / MB;
        Emit.event("start", Json.obj("collectorParam", collectorParam, "beans", String.join(", ", names),
                "maxHeapMb", maxHeapMb, "heapMbParam", heapMbParam, "mix", mix, "allocMbPerSec", allocRate,
                "liveSetMb", liveSetMb, "durationSec", durationSec, "periodicGcMs", periodicGcMs, "seed", seed,
                "jvm", Runtime.version().toString()));
        if (zgc) Emit.event("zgcCycles", Map.of());

        // soft limit (GOMEMLIMIT analogue): a manageable flag, set here so 0 can mean "off"
        if (softMaxMb > 0) {
            long v = Math.min(softMaxMb, maxHeapMb);
            if (v != softMaxMb) Emit.event("softMaxClamped", Json.obj("softMaxMb", softMaxMb, "maxHeapMb", maxHeapMb, "usedMb", v));
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("SoftMaxHeapSize", String.valueOf(v * MB));
                Emit.event(zgc ? "softMaxSet" : "softMaxIgnored", Json.obj("softMaxMb", v));
            } catch (Exception e) {
                Emit.event("softMaxFailed", Json.obj("reason", String.valueOf(e.getMessage())));
            }
        }
        long liveCap = maxHeapMb * 6 / 10;
        if (liveSetMb > liveCap) {
            Emit.event("liveSetClamped", Json.obj("liveSetMb", liveSetMb, "maxHeapMb", maxHeapMb, "usedMb", liveCap));
            liveSetMb = liveCap;
        }

        for (GarbageCollectorMXBean b : gcBeans) {
            if (b instanceof NotificationEmitter ne) ne.addNotificationListener((n, h) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) onGc(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
            }, null, null);
        }
        Commands.listen(Main::command);

        long t0 = System.nanoTime();
        lastGcMs.set(Emit.t());
        Allocator alloc = new Allocator(mix, liveSetMb * MB, allocRate * MB, seed);
        Thread at = Thread.ofPlatform().name("allocator").start(alloc);
        allocatorTid = at.threadId();
        sample(at, t0, durationSec * 1000, periodicGcMs);
        stop.set(true);
        at.join(5000);

        double wallMs = (System.nanoTime() - t0) / 1e6;
        List<Double> p;
        synchronized (pauses) {
            p = new ArrayList<>(pauses);
        }
        Collections.sort(p);
        double total = p.stream().mapToDouble(Double::doubleValue).sum();
        Emit.done(Json.obj("collector", collectorParam, "count", zgc ? cycles.get() : collections.get(),
                "countOf", zgc ? "zgc-cycles" : "stop-the-world-collections",
                "pauses", p.size(), "concurrentCycles", cycles.get(), "forcedGcs", forced.get(),
                "pauseP50Ms", round2(pct(p, 50)), "pauseP99Ms", round2(pct(p, 99)),
                "pauseMaxMs", round2(p.isEmpty() ? 0 : p.getLast()), "totalPauseMs", round1(total),
                "throughputPct", round2(wallMs <= 0 ? 100 : 100.0 * (1 - total / wallMs)),
                "allocatedMb", round1(allocatedBytes / (double) MB), "wallMs", Math.round(wallMs),
                "liveSetMb", liveSetMb, "maxHeapMb", maxHeapMb));
    }

    /** A command from the panel; an unknown one becomes a warning (Commands says so on stdout). */
    static void command(Map<String, Object> command) {
        switch (String.valueOf(command.get("cmd"))) {
            case "gc" -> {
                Emit.event("gcRequested", Map.of());
                System.gc();
            }
            case "stop" -> {
                Emit.event("stopRequested", Map.of());
                stop.set(true);
            }
            default -> throw new IllegalArgumentException("unknown command " + command.get("cmd") + " (this demo understands gc, stop)");
        }
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static void onGc(GarbageCollectionNotificationInfo info) {
        var gi = info.getGcInfo();
        String name = info.getGcName();
        boolean cycle = name.contains("Cycles"); // ZGC "Minor/Major Cycles": concurrent cycle, not a pause
        double dur = gi.getDuration();
        double before = sum(gi.getMemoryUsageBeforeGc()) / (double) MB;
        double after = sum(gi.getMemoryUsageAfterGc()) / (double) MB;
        lastGcMs.set(Emit.t());
        if (cycle) cycles.incrementAndGet();
        else {
            pauses.add(dur);
            if (!zgc) collections.incrementAndGet();
        }
        Emit.event("gc", Json.obj("collector", name, "cause", info.getGcCause(), "action", info.getGcAction(),
                "phase", cycle ? "concurrent" : "pause", "pauseMs", cycle ? 0.0 : dur, "durationMs", dur,
                "beforeMb", round1(before), "afterMb", round1(after), "id", gi.getId()));
        if (!cycle) Emit.metric(Json.obj("pauseMs", dur));
    }

    static long sum(Map<String, MemoryUsage> m) {
        long s = 0;
        for (var e : m.entrySet()) {
            String pool = e.getKey();
            if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed")) continue;
            s += e.getValue().getUsed();
        }
        return s;
    }

    /** Samples heap, allocation rate and GC CPU share ~4 times a second; runs periodic GC. */
    static void sample(Thread allocator, long t0, long durationMs, long periodicGcMs) throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var comp = ManagementFactory.getCompilationMXBean();
        int cpus = Runtime.getRuntime().availableProcessors();
        long prevWall = System.nanoTime(), prevProc = os.getProcessCpuTime(), prevJava = javaCpu(threads);
        long prevComp = comp != null && comp.isCompilationTimeMonitoringSupported() ? comp.getTotalCompilationTime() : 0;
        long prevAlloc = 0;
        while (!stop.get() && (System.nanoTime() - t0) / 1_000_000 < durationMs) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long proc = os.getProcessCpuTime(), java = javaCpu(threads);
            long c = comp != null && comp.isCompilationTimeMonitoringSupported() ? comp.getTotalCompilationTime() : 0;
            long al = threads.getThreadAllocatedBytes(allocator.threadId());
            if (al > 0) allocatedBytes = al;
            double dt = (now - prevWall) / 1e9;
            // CPU used by non-Java threads (GC workers, JIT, VM thread) minus JIT time ≈ GC CPU
            double gcCpu = Math.max(0, (proc - prevProc) - (java - prevJava) - (c - prevComp) * 1e6) / 1e9;
            double share = Math.min(100, 100.0 * gcCpu / (dt * cpus));
            MemoryUsage h = mem.getHeapMemoryUsage();
            Emit.metric(Json.obj("heapUsed", round1(h.getUsed() / (double) MB), "heapCommitted", round1(h.getCommitted() / (double) MB),
                    "gcCpuShare", round1(share), "allocRate", round1((allocatedBytes - prevAlloc) / (double) MB / dt)));
            prevWall = now;
            prevProc = proc;
            prevJava = java;
            prevComp = c;
            prevAlloc = allocatedBytes;
            if (periodicGcMs > 0 && Emit.t() - lastGcMs.get() >= periodicGcMs) {
                Emit.event("periodic", Json.obj("periodicGcMs", periodicGcMs));
                forced.incrementAndGet();
                lastGcMs.set(Emit.t());
                System.gc();
            }
        }
    }

    static long javaCpu(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long s = 0;
        for (long v : threads.getThreadCpuTime(ids)) if (v > 0) s += v;
        return s;
    }

    /** Allocates garbage at the requested rate on top of a live set that slowly churns. */
    static final class Allocator implements Runnable {
        final String mix;
        final long liveBytes, rate;
        final SplittableRandom r; // seeded: a shared link allocates the same sizes again
        final Object[] ring = new Object[1024]; // short-lived: keeps objects from being optimized away
        Object[] live = new Object[0];

        Allocator(String mix, long liveBytes, long rate, long seed) {
            this.mix = mix;
            this.liveBytes = liveBytes;
            this.rate = rate;
            this.r = new SplittableRandom(seed);
        }

        int size(SplittableRandom r) {
            String m = mix;
            if (m.equals("mixed")) {
                int x = r.nextInt(1000);
                m = x < 700 ? "tiny" : x < 995 ? "small" : "large";
            }
            return switch (m) {
                case "tiny" -> r.nextInt(1, 9); // byte[1..8]: Go's tiny class is < 16 B, noscan
                case "small" -> 16 << r.nextInt(12); // 16 B .. 32 KB, power-of-two "size classes"
                default -> 32 * 1024 + r.nextInt(992 * 1024); // > 32 KB: Go allocates these directly from the heap
            };
        }

        public void run() {
            // build the live set (retained until the end: the "live heap" GOGC is a percentage of)
            List<Object> l = new ArrayList<>();
            long have = 0;
            while (have < liveBytes) {
                int s = Math.min(size(r), 256 * 1024);
                l.add(new byte[s]);
                have += s + 16;
            }
            live = l.toArray();
            Emit.event("liveSetBuilt", Json.obj("liveSetMb", liveBytes / MB, "objects", live.length));
            long start = System.nanoTime();
            long done = 0;
            int ri = 0;
            while (!stop.get()) {
                long elapsed = System.nanoTime() - start;
                long target = (long) (rate * (elapsed / 1e9));
                if (done >= target) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                for (int i = 0; i < 256 && done < target; i++) {
                    int s = size(r);
                    ring[ri++ & 1023] = new byte[s];
                    done += s + 16;
                    // churn 1 in 64: replace a live object (old-to-young pointer stores exercise the write barriers)
                    if (live.length > 0 && (ri & 63) == 0) live[r.nextInt(live.length)] = new byte[Math.min(s, 256 * 1024)];
                }
            }
        }
    }
}
