import java.util.concurrent.locks.ReentrantLock;

/**
 * The probed code: a key lookup with a bimodal latency. A cached key costs a little CPU; a miss waits on
 * the slow store (modelled as a sleep, so the virtual thread unmounts from its carrier); while a
 * compaction holds the segment lock every call waits for it (the periodic stall). The probes never
 * touch this source: JFR instruments {@code Store::lookup} at run time.
 */
final class Store {
    private final int missPct;
    private final long missMicros;
    private final ReentrantLock segment = new ReentrantLock();

    Store(int missPct, long missMicros) {
        this.missPct = missPct;
        this.missMicros = missMicros;
    }

    long lookup(long key) throws InterruptedException {
        segment.lock(); // a compaction holding it stalls every lookup
        segment.unlock();
        long h = key;
        for (int i = 0; i < 3000; i++) h = h * 0x9E3779B97F4A7C15L + (h >>> 29);
        if (Math.floorMod(key, 100) < missPct) {
            // jitter of +-25% so the miss mode is a hill, not a spike
            long micros = missMicros * 3 / 4 + Math.floorMod(h, Math.max(1, missMicros / 2));
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        }
        return h;
    }

    /** Holds the segment lock for {@code millis}, as a compaction would. */
    void compact(long millis) throws InterruptedException {
        segment.lock();
        try {
            Thread.sleep(millis);
        }
        finally {
            segment.unlock();
        }
    }
}
