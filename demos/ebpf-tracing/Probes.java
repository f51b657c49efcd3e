import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two hand-written entry/exit probes around one call, standing where a uprobe and a uretprobe fire:
 * one pairs entry and exit in a map keyed by the carrier (OS) thread, as a BPF map keyed by
 * {@code pid_tgid} does; the other keys by the virtual thread, as Go tracers key by goroutine id.
 * The virtual-thread record is also the ground truth the carrier-keyed one is judged against.
 */
final class Probes {
    /** One entry as a probe stores it; {@code call} tells one call from the next on the same thread. */
    record Entry(long call, long vthread, String carrier, long nanos) {
    }

    private final Map<String, Entry> byCarrier = new ConcurrentHashMap<>();
    private final Map<Long, Entry> byVirtualThread = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> splits = new ConcurrentHashMap<>();
    final Heat carrierHeat;
    final Heat virtualHeat;
    final LongAdder calls = new LongAdder();
    final LongAdder split = new LongAdder();
    final LongAdder carrierWrong = new LongAdder();
    final LongAdder carrierLost = new LongAdder();
    final LongAdder overwritten = new LongAdder();
    final LongAdder virtualWrong = new LongAdder();
    private final AtomicLong callIds = new AtomicLong();
    private final java.util.Set<String> carriersSeen = ConcurrentHashMap.newKeySet();

    Probes(Heat carrierHeat, Heat virtualHeat) {
        this.carrierHeat = carrierHeat;
        this.virtualHeat = virtualHeat;
    }

    /**
     * The carrier a virtual thread is mounted on. The JDK has no public accessor; a mounted virtual
     * thread's {@code toString()} names it ({@code VirtualThread[#35]/runnable@ForkJoinPool-1-worker-2}).
     */
    static String carrier() {
        String s = Thread.currentThread().toString();
        int at = s.lastIndexOf("worker-");
        return at < 0 ? Thread.currentThread().getName() : "carrier-" + s.substring(at + 7);
    }

    Entry enter() {
        var e = new Entry(callIds.incrementAndGet(), Thread.currentThread().threadId(), carrier(), System.nanoTime());
        carriersSeen.add(e.carrier());
        if (byCarrier.put(e.carrier(), e) != null) overwritten.increment();
        byVirtualThread.put(e.vthread(), e);
        return e;
    }

    void exit(long startMs) {
        long now = System.nanoTime();
        String carrier = carrier();
        long vthread = Thread.currentThread().threadId();
        calls.increment();
        Entry truth = byVirtualThread.remove(vthread);
        if (truth == null || truth.vthread() != vthread) {
            virtualWrong.increment();
        }
        else {
            virtualHeat.add(startMs, (now - truth.nanos()) / 1000);
            if (!truth.carrier().equals(carrier)) {
                split.increment();
                splits.computeIfAbsent(truth.carrier() + ">" + carrier, k -> new LongAdder()).increment();
            }
        }
        // what a pid_tgid-keyed map sees: whatever entry this OS thread last stored
        Entry seen = byCarrier.remove(carrier);
        if (seen == null) carrierLost.increment();
        else {
            if (truth == null || seen.call() != truth.call()) carrierWrong.increment();
            // a wrong pairing still yields a number: the probe cannot tell, so it lands in the histogram
            carrierHeat.add(startMs, Math.max(0, now - seen.nanos()) / 1000);
        }
    }

    int carriersSeen() {
        return carriersSeen.size();
    }

    /** Entry carrier → exit carrier, with how many calls took that road. */
    Map<String, Long> splitCounts() {
        var m = new TreeMap<String, Long>();
        splits.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
