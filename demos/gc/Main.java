import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * GC lab: allocates at a chosen rate and object-size mix on top of a live set, and streams every
 * collection (GC notifications), heap use and an estimate of GC CPU share.
 *
 * <pre>java -XX:+UseG1GC -Xmx256m demos/gc/Main.java --collector=G1 --heapMb=256 --softMaxMb=0 \
 *   --allocMbPerSec=100 --liveSetMb=64 --mix=mixed --durationSec=20 --periodicGcMs=0</pre>
 *
 * The collector and heap cap are JVM flags (set by the runner from the manifest). SoftMaxHeapSize
 * is a manageable flag, so this program sets it itself at start (0 = leave it off). The periodic
 * GC is done by this program (System.gc() when no collection happened for periodicGcMs), because
 * -XX:G1PeriodicGCInterval exists only for G1 and is skipped while the JVM is busy.
 */
public final class Main {
    static final long MB = 1024 * 1024;
    static final AtomicBoolean stop = new AtomicBoolean();
    static final AtomicLong lastGcMs = new AtomicLong();
    static final List<Double> pauses = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong collections = new AtomicLong();
    static final AtomicLong cycles = new AtomicLong();
    static volatile boolean zgc;
    static volatile long allocatorTid = -1;
    static volatile long allocatedBytes; // from the allocator thread's counter

    public static void main(String[] argv) {
        try {
            run(Json.args(argv));
            System.exit(0);
        } catch (IllegalArgumentException e) {
            Json.error(e.getMessage());
            System.exit(2);
        } catch (OutOfMemoryError e) {
            Json.error("OutOfMemoryError: the live set plus allocation did not fit in the heap (" + e.getMessage() + ")");
            System.exit(3);
        } catch (Throwable e) {
            e.printStackTrace();
            Json.error("internal error: " + e);
            System.exit(1);
        }
    }

    static long num(Map<String, String> a, String k, long def, long min, long max) {
        String v = a.get(k);
        if (v == null) return def;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new IllegalArgumentException("--" + k + " must be within " + min + ".." + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + " must be an integer, got " + v);
        }
    }

    static void run(Map<String, String> a) throws Exception {
        String collectorParam = a.getOrDefault("collector", "G1");
        long heapMbParam = num(a, "heapMb", 256, 32, 512);
        long softMaxMb = num(a, "softMaxMb", 0, 0, 512);
        long allocRate = num(a, "allocMbPerSec", 100, 1, 1000);
        long liveSetMb = num(a, "liveSetMb", 32, 0, 400);
        String mix = a.getOrDefault("mix", "mixed");
        if (!List.of("tiny", "small", "large", "mixed").contains(mix)) throw new IllegalArgumentException("--mix must be tiny|small|large|mixed");
        long durationSec = num(a, "durationSec", 20, 1, 120);
        long periodicGcMs = num(a, "periodicGcMs", 0, 0, 60000);

        var gcBeans = ManagementFactory.getGarbageCollectorMXBeans();
        List<String> names = gcBeans.stream().map(GarbageCollectorMXBean::getName).toList();
        zgc = names.stream().anyMatch(n -> n.startsWith("ZGC"));
        long maxHeapMb = Runtime.getRuntime().maxMemory() / MB;
        Json.event("start", "collector beans: " + names, Json.obj("collectorParam", collectorParam, "beans", names,
                "maxHeapMb", maxHeapMb, "heapMbParam", heapMbParam, "mix", mix, "allocMbPerSec", allocRate,
                "liveSetMb", liveSetMb, "durationSec", durationSec, "periodicGcMs", periodicGcMs,
                "jvm", Runtime.version().toString()));
        if (zgc) Json.event("info", "ZGC: notifications from the '… Cycles' beans are concurrent cycle durations, not pauses; pauses come from the '… Pauses' beans and are reported separately (phase=pause).", Map.of());

        // soft limit (GOMEMLIMIT analogue): a manageable flag, set here so 0 can mean "off"
        if (softMaxMb > 0) {
            long v = Math.min(softMaxMb, maxHeapMb);
            if (v != softMaxMb) Json.event("warning", "softMaxMb " + softMaxMb + " > heap cap " + maxHeapMb + " MB; using " + v + " MB", Map.of());
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("SoftMaxHeapSize", String.valueOf(v * MB));
                Json.event("info", "SoftMaxHeapSize set to " + v + " MB" + (zgc ? "" : " — only ZGC acts on it in JDK 25; this collector accepts and ignores it"),
                        Json.obj("softMaxMb", v, "honoured", zgc));
            } catch (Exception e) {
                Json.event("warning", "could not set SoftMaxHeapSize: " + e.getMessage(), Map.of());
            }
        }
        long liveCap = maxHeapMb * 6 / 10;
        if (liveSetMb > liveCap) {
            Json.event("warning", "liveSetMb " + liveSetMb + " must stay well below the heap (" + maxHeapMb + " MB); using " + liveCap + " MB", Map.of());
            liveSetMb = liveCap;
        }

        for (GarbageCollectorMXBean b : gcBeans) {
            if (b instanceof NotificationEmitter ne) ne.addNotificationListener((n, h) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) onGc(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
            }, null, null);
        }
        startStdin();

        long t0 = System.nanoTime();
        lastGcMs.set(Json.t());
        Allocator alloc = new Allocator(mix, liveSetMb * MB, allocRate * MB, durationSec * 1000);
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
        Json.done(Json.obj("collector", collectorParam, "beans", names, "count", zgc ? cycles.get() : collections.get(),
                "pauses", p.size(), "concurrentCycles", cycles.get(),
                "pauseP50Ms", pct(p, 50), "pauseP99Ms", pct(p, 99), "pauseMaxMs", p.isEmpty() ? 0 : p.getLast(),
                "totalPauseMs", total, "throughputPct", wallMs <= 0 ? 100 : 100.0 * (1 - total / wallMs),
                "allocatedMb", allocatedBytes / (double) MB, "wallMs", Math.round(wallMs),
                "liveSetMb", liveSetMb, "maxHeapMb", maxHeapMb,
                "note", zgc ? "ZGC: count = GC cycles (concurrent); pause stats come from the ZGC Pauses beans" : "pause stats from stop-the-world collection notifications"));
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
        lastGcMs.set(Json.t());
        if (cycle) cycles.incrementAndGet();
        else {
            pauses.add(dur);
            if (!zgc) collections.incrementAndGet();
        }
        Json.event("gc", name + ": " + info.getGcCause() + " (" + (cycle ? "cycle " : "pause ") + dur + " ms)",
                Json.obj("collector", name, "cause", info.getGcCause(), "action", info.getGcAction(),
                        "phase", cycle ? "concurrent" : "pause", "pauseMs", cycle ? 0.0 : dur, "durationMs", dur,
                        "beforeMb", before, "afterMb", after, "id", gi.getId()));
        if (!cycle) Json.metric(Json.obj("pauseMs", dur));
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
            Json.metric(Json.obj("heapUsed", h.getUsed() / (double) MB, "heapCommitted", h.getCommitted() / (double) MB,
                    "gcCpuShare", share, "allocRate", (allocatedBytes - prevAlloc) / (double) MB / dt));
            prevWall = now;
            prevProc = proc;
            prevJava = java;
            prevComp = c;
            prevAlloc = allocatedBytes;
            if (periodicGcMs > 0 && Json.t() - lastGcMs.get() >= periodicGcMs) {
                Json.event("periodic", "no GC for " + periodicGcMs + " ms → System.gc() (like Go's forced GC period)", Map.of());
                lastGcMs.set(Json.t());
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
        final long liveBytes, rate, durationMs;
        final Object[] ring = new Object[1024]; // short-lived: keeps objects from being optimized away
        Object[] live = new Object[0];

        Allocator(String mix, long liveBytes, long rate, long durationMs) {
            this.mix = mix;
            this.liveBytes = liveBytes;
            this.rate = rate;
            this.durationMs = durationMs;
        }

        int size(ThreadLocalRandom r) {
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
            var r = ThreadLocalRandom.current();
            // build the live set (retained until the end: the "live heap" GOGC is a percentage of)
            List<Object> l = new ArrayList<>();
            long have = 0;
            while (have < liveBytes) {
                int s = Math.min(size(r), 256 * 1024);
                l.add(new byte[s]);
                have += s + 16;
            }
            live = l.toArray();
            Json.event("info", "live set built: " + liveBytes / MB + " MB in " + live.length + " objects", Json.obj("objects", live.length));
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

    static void startStdin() {
        Thread.ofPlatform().daemon(true).name("stdin").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    Object o;
                    try {
                        o = Json.parse(line);
                    } catch (IllegalArgumentException e) {
                        Json.event("warning", "ignored a command that is not JSON: " + e.getMessage(), Json.obj("line", line));
                        continue;
                    }
                    Object cmd = o instanceof Map<?, ?> m ? m.get("cmd") : null;
                    switch (String.valueOf(cmd)) {
                        case "gc" -> {
                            Json.event("command", "System.gc() requested", Map.of());
                            System.gc();
                        }
                        case "stop" -> {
                            Json.event("command", "stop requested", Map.of());
                            stop.set(true);
                        }
                        default -> Json.event("warning", "unknown command " + cmd + " (this demo understands gc, stop)", Json.obj("line", line));
                    }
                }
            } catch (Exception e) {
                System.err.println("stdin: " + e);
            }
        });
    }
}
