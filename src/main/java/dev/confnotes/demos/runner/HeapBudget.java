package dev.confnotes.demos.runner;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;

/**
 * The heap all running children may hold at once. Children cannot grow past their {@code -Xmx}, so the
 * sum of the caps of the runs not yet ended bounds it: a run whose cap would take the sum past
 * {@code max-total-child-heap-mb} is refused (429).
 */
@Component
public class HeapBudget {

    private static final Logger log = LoggerFactory.getLogger(HeapBudget.class);

    private final DemosProperties properties;

    /** The heap cap (MB) reserved by each run that has not ended yet. */
    private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

    HeapBudget(DemosProperties properties) {
        this.properties = properties;
    }

    /** Reserves a run's heap cap, or refuses the run when the budget cannot take it. */
    synchronized void reserve(String runId, int mb) {
        int taken = reservedMb();
        if ((long) taken + mb > properties.maxTotalChildHeapMb()) {
            log.info("Refused a run with a {} MB heap: {} MB of {} MB are reserved by running demos", mb, taken,
                    properties.maxTotalChildHeapMb());
            throw new DemoRunner.TooManyRunsException(Math.max(1, properties.retryAfter().toSeconds()));
        }
        reserved.put(runId, mb);
    }

    void release(String runId) {
        reserved.remove(runId);
    }

    public int reservedMb() {
        return reserved.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The {@code -Xmx} a run of these (validated) parameters gets, in MB, read from the options its child
     * is started with, so a fixed {@code -Xmx} among the manifest's {@code jvmFlags} counts too. No other
     * flag can set the maximum heap: {@link ManifestParser} refuses them.
     */
    public static int heapMb(DemoManifest manifest, Map<String, String> params) {
        return xmxMb(ChildCommandLine.jvmOptions(manifest, params).getFirst());
    }

    static int xmxMb(String flag) {
        String size = flag.substring("-Xmx".length()).toLowerCase(Locale.ROOT);
        char unit = size.isEmpty() ? 'b' : size.charAt(size.length() - 1);
        String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
        long n = Long.parseLong(digits);
        try {
            long bytes = switch (unit) {
                case 'k' -> Math.multiplyExact(n, 1L << 10);
                case 'm' -> Math.multiplyExact(n, 1L << 20);
                case 'g' -> Math.multiplyExact(n, 1L << 30);
                case 't' -> Math.multiplyExact(n, 1L << 40);
                default -> n;
            };
            return (int) Math.min(Integer.MAX_VALUE, Math.addExact(bytes, (1 << 20) - 1) >> 20);
        }
        catch (ArithmeticException ex) {
            // more than a long can hold: more than any budget, so the run is refused
            return Integer.MAX_VALUE;
        }
    }
}
