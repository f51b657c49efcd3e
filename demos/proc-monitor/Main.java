import demolib.Args;
import demolib.Emit;
import demolib.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny server monitor: reads /proc/stat, /proc/meminfo and /proc/loadavg every interval and prints
 * one JSON line per sample (the confnotes demo protocol). CPU utilization comes from the difference
 * of two /proc/stat samples: busy jiffies / all jiffies between them, for the total and each core.
 *
 * <pre>java demos/proc-monitor/Main.java --intervalMs=1000 [--samples=3]</pre>
 *
 * Started by the panel it runs while anyone watches; by hand, {@code --samples} ends it after that many.
 */
public final class Main {

    public static void main(String[] argv) {
        Args.run(argv, args -> monitor(args.intArg("intervalMs", 250, 5000, 1000),
                args.has("samples") ? args.longArg("samples", 1, 1_000_000) : Long.MAX_VALUE));
    }

    static void monitor(long intervalMs, long samples) throws IOException, InterruptedException {
        Path proc = Path.of("/proc");
        if (!Files.isReadable(proc.resolve("stat")) || !Files.isReadable(proc.resolve("meminfo"))) {
            Emit.error("noProc", Json.obj("os", System.getProperty("os.name")), "No /proc here (this is "
                    + System.getProperty("os.name") + "): the monitor reads Linux's /proc/stat and /proc/meminfo, "
                    + "so it only works on Linux.");
            System.exit(2);
        }
        Emit.event("start", Json.obj("intervalMs", intervalMs, "cores", Runtime.getRuntime().availableProcessors()));
        Map<String, long[]> previous = readStat();
        long previousSelfCpu = selfCpuNanos();
        long previousAt = System.nanoTime();
        for (long i = 0; i < samples; i++) {
            Thread.sleep(intervalMs);
            Map<String, long[]> current = readStat();
            long now = System.nanoTime();
            long selfCpu = selfCpuNanos();
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> cpu : current.entrySet()) {
                long[] before = previous.get(cpu.getKey());
                if (before != null) {
                    String name = cpu.getKey().equals("cpu") ? "cpuTotal" : cpu.getKey();
                    values.put(name, utilization(before, cpu.getValue()));
                }
            }
            Map<String, Long> mem = readMeminfo();
            long total = mem.getOrDefault("MemTotal", 0L);
            long available = mem.getOrDefault("MemAvailable", mem.getOrDefault("MemFree", 0L));
            values.put("memTotalMb", mb(total));
            values.put("memAvailableMb", mb(available));
            values.put("memUsedMb", mb(total - available));
            values.put("buffersMb", mb(mem.getOrDefault("Buffers", 0L)));
            values.put("cachedMb", mb(mem.getOrDefault("Cached", 0L)));
            long swapTotal = mem.getOrDefault("SwapTotal", 0L);
            values.put("swapTotalMb", mb(swapTotal));
            values.put("swapUsedMb", mb(swapTotal - mem.getOrDefault("SwapFree", 0L)));
            String[] load = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
            values.put("load1", Double.parseDouble(load[0]));
            values.put("load5", Double.parseDouble(load[1]));
            values.put("load15", Double.parseDouble(load[2]));
            values.put("selfCpuPct", round(100.0 * (selfCpu - previousSelfCpu) / Math.max(1, now - previousAt)));
            values.put("selfRssMb", selfRssMb());
            Emit.metric(values);
            previous = current;
            previousSelfCpu = selfCpu;
            previousAt = now;
        }
        Emit.done(Json.obj("samples", samples));
    }

    /** Busy share of the jiffies between two samples of one cpu line (idle and iowait count as idle). */
    static double utilization(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < after.length && i < before.length; i++) {
            long delta = after[i] - before[i];
            // fields 8 and 9 (guest, guest_nice) are already inside user and nice
            if (i < 8) {
                total += delta;
            }
            if (i == 3 || i == 4) {
                idle += delta;
            }
        }
        return total <= 0 ? 0 : round(100.0 * (total - idle) / total);
    }

    static Map<String, long[]> readStat() throws IOException {
        Map<String, long[]> cpus = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            long[] jiffies = new long[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                jiffies[i - 1] = Long.parseLong(parts[i]);
            }
            cpus.put(parts[0], jiffies);
        }
        return cpus;
    }

    static Map<String, Long> readMeminfo() throws IOException {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] value = line.substring(colon + 1).trim().split("\\s+");
                try {
                    kb.put(line.substring(0, colon), Long.parseLong(value[0]));
                }
                catch (NumberFormatException ex) {
                    // not a number: skip
                }
            }
        }
        return kb;
    }

    static long selfCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    static double selfRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return mb(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
            }
        }
        return 0;
    }

    static double mb(long kb) {
        return round(kb / 1024.0);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
