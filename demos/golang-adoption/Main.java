import demolib.*;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Automatic profiling that can look back. A small service runs; at a chosen time an incident starts (a CPU
 * spike, a leaking cache, a thread leak). A watchdog checks CPU, heap and threads against thresholds
 * relative to the limits, as Karrot's Autopprof does against its container's; after N breaches in a row it
 * captures two profiles: Go's way (start a profile after the trigger) and JFR's way (dump the last seconds
 * an always-on recording kept).
 *
 * <pre>java -Xmx128m demos/golang-adoption/Main.java --incident=cpu-spike --incidentAtSec=3 --spikeMs=600 \
 *   --leakMbPerSec=10 --threadsPerSec=40 --threadLimit=200 --cpuThresholdPct=6 --heapThresholdPct=60 \
 *   --threadThresholdPct=50 --checkMs=250 --breaches=5 --lookbackSec=10 --profileSec=2 --durationSec=14 --seed=42</pre>
 */
public final class Main {
    static final long WINDOW_MS = 2000; // CPU is judged over the last two seconds, as container metrics average it

    public static void main(String[] argv) {
        Args.run(argv, a -> new Main(a).go());
    }

    final String incident;
    final int incidentAtSec, spikeMs, leakMbPerSec, threadsPerSec, threadLimit, cpuThresholdPct, heapThresholdPct,
            threadThresholdPct, checkMs, breaches, lookbackSec, profileSec, durationSec;
    final long seed;
    final Incident work = new Incident();
    final Service service = new Service();
    final ThreadMXBean threadsBean = ManagementFactory.getThreadMXBean();
    final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    final long epochToT = Emit.t() - System.currentTimeMillis();
    volatile boolean incidentOn;
    volatile boolean over;

    Main(Args a) {
        incident = a.choiceArg("incident", Incident.CPU, Incident.LEAK, Incident.THREADS);
        incidentAtSec = a.intArg("incidentAtSec", 1, 30);
        spikeMs = a.intArg("spikeMs", 100, 10_000);
        leakMbPerSec = a.intArg("leakMbPerSec", 1, 20);
        threadsPerSec = a.intArg("threadsPerSec", 1, 200);
        threadLimit = a.intArg("threadLimit", 50, 2000);
        cpuThresholdPct = a.intArg("cpuThresholdPct", 2, 100);
        heapThresholdPct = a.intArg("heapThresholdPct", 5, 100);
        threadThresholdPct = a.intArg("threadThresholdPct", 5, 100);
        checkMs = a.intArg("checkMs", 100, 2000);
        breaches = a.intArg("breaches", 1, 10);
        lookbackSec = a.intArg("lookbackSec", 2, 30);
        profileSec = a.intArg("profileSec", 1, 10);
        durationSec = a.intArg("durationSec", 5, 60);
        seed = a.longArg("seed", 0, 1_000_000);
    }

    record Capture(String style, long fromT, long toT, Stacks stacks, long incidentSamples, long ms) {
        boolean hasIncident() {
            return incidentSamples > 0;
        }

        double incidentPct() {
            long all = stacks.total();
            return all == 0 ? 0 : Math.round(1000.0 * incidentSamples / all) / 10.0;
        }
    }

    void go() throws InterruptedException, IOException {
        Path dir = Files.createTempDirectory("golang-adoption");
        // a run the runner ends (SIGTERM) skips the finally below; the hook still removes the dumps
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAll(dir)));
        try (var always = new Recording()) {
            // the always-on recording: what JFR keeps of the last seconds, ready to dump at a trigger
            always.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            always.enable("jdk.ObjectAllocationSample").with("throttle", "200/s");
            always.enable("jdk.ThreadStart").withStackTrace();
            always.setToDisk(true);
            always.setMaxAge(Duration.ofSeconds(lookbackSec + 5));
            long jfr0 = System.nanoTime();
            always.start();
            Emit.event("start", Json.obj("incident", incident, "jfrMs", (System.nanoTime() - jfr0) / 1_000_000,
                    "lookbackSec", lookbackSec));
            long start = Emit.t();
            long end = start + durationSec * 1000L;
            Thread server = server(end);
            Thread trouble = Thread.ofPlatform().daemon().name("incident").start(() -> incident(start, end));
            Map<String, Object> result = watch(start, end, always, dir);
            over = true;
            trouble.interrupt();
            trouble.join();
            server.join();
            work.clear();
            Emit.done(result);
        }
        finally {
            removeAll(dir);
        }
    }

    static void removeAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        }
        catch (IOException ex) {
            // already gone
        }
    }

    /** The ordinary traffic: a request every few milliseconds. */
    Thread server(long end) {
        var random = new Random(seed);
        return Thread.ofPlatform().name("server").start(() -> {
            try {
                while (!over && Emit.t() < end) {
                    service.handle(random.nextLong());
                    Thread.sleep(2 + random.nextInt(4));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void incident(long start, long end) {
        try {
            Thread.sleep(Math.max(0, start + incidentAtSec * 1000L - Emit.t()));
            incidentOn = true;
            Emit.event("incidentStart", Json.obj("incident", incident));
            switch (incident) {
                case Incident.CPU -> {
                    // a bad request fans out to eight workers, each in a hot loop
                    var hot = new java.util.ArrayList<Thread>();
                    for (int i = 0; i < 8; i++) hot.add(Thread.ofPlatform().name("hot-" + i).start(() -> work.cpuSpike(spikeMs)));
                    for (Thread t : hot) t.join();
                    incidentOn = false;
                    Emit.event("incidentEnd", Json.obj("incident", incident, "ms", spikeMs));
                }
                case Incident.LEAK -> {
                    while (!over && Emit.t() < end) {
                        work.leakCache(1);
                        Thread.sleep(1000 / leakMbPerSec);
                    }
                }
                default -> {
                    while (!over && Emit.t() < end) {
                        work.leakThreads(1);
                        Thread.sleep(Math.max(1, 1000 / threadsPerSec));
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            // the run is over
        }
        catch (OutOfMemoryError ex) {
            work.clear();
            Emit.event("warning", Json.obj("reason", "the leak filled the heap before the watchdog fired"));
        }
    }

    /** Checks every checkMs; after N breaches in a row of one resource, captures both ways and returns the summary. */
    Map<String, Object> watch(long start, long end, Recording always, Path dir) throws InterruptedException, IOException {
        var cpuHistory = new ArrayDeque<long[]>(); // {t, process CPU ns}
        long heapMax = Runtime.getRuntime().maxMemory();
        int[] inARow = new int[3];
        String[] names = {"cpu", "heap", "threads"};
        long breachTotal = 0;
        // a JVM's own start-up (class loading, the JIT) is not the service's CPU: drawn, not judged
        long judgeFrom = Emit.t() + 2500;
        while (Emit.t() < end) {
            long now = Emit.t();
            cpuHistory.addLast(new long[] {now, os.getProcessCpuTime()});
            while (cpuHistory.size() > 2 && now - cpuHistory.peekFirst()[0] > WINDOW_MS) cpuHistory.removeFirst();
            long[] first = cpuHistory.peekFirst();
            double cpuPct = now == first[0] ? 0 : 100.0 * (cpuHistory.peekLast()[1] - first[1]) / 1e6 / (now - first[0]);
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            double heapPct = 100.0 * heap.getUsed() / heapMax;
            int threads = threadsBean.getThreadCount();
            double threadPct = 100.0 * threads / threadLimit;
            Emit.metric(Json.obj("cpuPct", cpuPct, "cpuThreshold", cpuThresholdPct, "heapMb", heap.getUsed() / 1048576.0,
                    "heapThresholdMb", heapMax / 1048576.0 * heapThresholdPct / 100, "threads", threads,
                    "threadThreshold", threadLimit * threadThresholdPct / 100.0));
            double[] value = {cpuPct, heapPct, threadPct};
            int[] limit = {cpuThresholdPct, heapThresholdPct, threadThresholdPct};
            for (int r = 0; r < 3 && now >= judgeFrom; r++) {
                if (value[r] < limit[r]) {
                    inARow[r] = 0;
                    continue;
                }
                inARow[r]++;
                breachTotal++;
                Emit.event("breach", Json.obj("resource", names[r], "valuePct", Math.round(value[r]), "thresholdPct", limit[r],
                        "inARow", inARow[r], "needed", breaches));
                if (inARow[r] >= breaches) return capture(names[r], start, always, dir, breachTotal);
            }
            Thread.sleep(checkMs);
        }
        return Json.obj("incident", incident, "triggered", 0, "resource", "none", "breaches", breachTotal,
                "lookbackHasIncident", 0, "afterTriggerHasIncident", 0, "lookbackIncidentPct", 0, "afterTriggerIncidentPct", 0);
    }

    Map<String, Object> capture(String resource, long start, Recording always, Path dir, long breachTotal)
            throws InterruptedException, IOException {
        long trigger = Emit.t();
        Emit.event("trigger", Json.obj("resource", resource, "inARow", breaches, "afterIncidentMs",
                trigger - start - incidentAtSec * 1000L));
        // JFR's way: the last lookbackSec seconds are already recorded; dump them now
        long t0 = System.nanoTime();
        Path back = dir.resolve("look-back.jfr");
        always.dump(back);
        Capture lookBack = read("look-back", back, resource, trigger - lookbackSec * 1000L, trigger,
                (System.nanoTime() - t0) / 1_000_000);
        publish(lookBack);
        // Go's way: start a profile now and keep it for profileSec
        Capture afterTrigger;
        t0 = System.nanoTime();
        if (resource.equals("threads")) {
            afterTrigger = threadDump(trigger, (System.nanoTime() - t0) / 1_000_000);
        }
        else {
            try (var fresh = new Recording()) {
                if (resource.equals("cpu")) fresh.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                else fresh.enable("jdk.ObjectAllocationSample").with("throttle", "200/s");
                fresh.start();
                long from = Emit.t();
                Thread.sleep(profileSec * 1000L);
                fresh.stop();
                Path after = dir.resolve("after-trigger.jfr");
                fresh.dump(after);
                afterTrigger = read("after-trigger", after, resource, from, Emit.t(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
        publish(afterTrigger);
        return Json.obj("incident", incident, "triggered", 1, "resource", resource, "breaches", breachTotal,
                "triggerAfterIncidentMs", trigger - start - incidentAtSec * 1000L,
                "lookbackHasIncident", lookBack.hasIncident() ? 1 : 0,
                "afterTriggerHasIncident", afterTrigger.hasIncident() ? 1 : 0,
                "lookbackIncidentPct", lookBack.incidentPct(), "afterTriggerIncidentPct", afterTrigger.incidentPct(),
                "lookbackSamples", lookBack.stacks().total(), "afterTriggerSamples", afterTrigger.stacks().total(),
                "dumpMs", lookBack.ms());
    }

    /** The events of the resource's kind between two times, folded; allocation samples weigh their bytes (KB). */
    Capture read(String style, Path file, String resource, long fromT, long toT, long ms) throws IOException {
        String type = switch (resource) {
            case "cpu" -> "jdk.ExecutionSample";
            case "heap" -> "jdk.ObjectAllocationSample";
            default -> "jdk.ThreadStart";
        };
        var stacks = new Stacks();
        long incidentSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals(type)) continue;
            long t = e.getStartTime().toEpochMilli() + epochToT;
            if (t < fromT || t > toT) continue;
            String folded = Stacks.fold(e.getStackTrace());
            long n = type.equals("jdk.ObjectAllocationSample") ? Math.max(1, e.getLong("weight") / 1024) : 1;
            stacks.add(folded, n);
            if (isIncident(folded)) incidentSamples += n;
        }
        return new Capture(style, fromT, toT, stacks, incidentSamples, ms);
    }

    /** Go's goroutine profile, the JVM way: every thread's stack right now. */
    Capture threadDump(long trigger, long ms) {
        var stacks = new Stacks();
        long incidentSamples = 0;
        for (var e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] st = e.getValue();
            var sb = new StringBuilder();
            for (int i = st.length - 1; i >= 0; i--) {
                if (!sb.isEmpty()) sb.append(';');
                String cls = st[i].getClassName();
                sb.append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(st[i].getMethodName());
            }
            String folded = sb.isEmpty() ? e.getKey().getName() : sb.toString();
            stacks.add(folded, 1);
            if (isIncident(folded)) incidentSamples++;
        }
        return new Capture("after-trigger", trigger, Emit.t(), stacks, incidentSamples, ms);
    }

    static boolean isIncident(String folded) {
        for (String f : folded.split(";")) if (f.startsWith("Incident.")) return true;
        return false;
    }

    void publish(Capture c) {
        Emit.snapshot("capture", c.style(), c.stacks().data());
        Emit.row("captures", c.style(), Json.obj("style", c.style(), "fromS", c.fromT() / 1000.0, "toS", c.toT() / 1000.0,
                "samples", c.stacks().total(), "incidentPct", c.incidentPct(), "hasIncident", c.hasIncident(), "ms", c.ms()));
        Emit.event("captured", Json.obj("style", c.style(), "samples", c.stacks().total(), "incidentPct", c.incidentPct()));
    }
}
