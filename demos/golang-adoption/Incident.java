import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduled incidents, each in a method of its own so a profile can name it: a short CPU spike, a cache
 * that never evicts, and threads that are started and never end.
 */
final class Incident {
    static final String CPU = "cpu-spike", LEAK = "leaking-cache", THREADS = "thread-leak";

    private final List<byte[]> cache = new ArrayList<>();
    private final List<Thread> leaked = new ArrayList<>();
    static volatile long blackhole;

    /** Burns one processor for {@code millis} of wall time: a hot loop a bad request set off. */
    void cpuSpike(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        long h = 1;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) h = h * 0x9E3779B97F4A7C15L + i;
        }
        blackhole = h;
    }

    /** Keeps every response it is handed: {@code mb} megabytes more each call, never evicted. */
    void leakCache(int mb) {
        for (int i = 0; i < mb * 16; i++) cache.add(new byte[64 * 1024]);
    }

    /** Starts {@code n} threads that wait for a reply that never comes. */
    void leakThreads(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = Thread.ofPlatform().daemon().name("orphan-" + leaked.size()).start(Incident::awaitReply);
            leaked.add(t);
        }
    }

    static void awaitReply() {
        while (!Thread.currentThread().isInterrupted()) LockSupport.park();
    }

    /** Ends what the incident left behind, so nothing outlives the run. */
    void clear() {
        cache.clear();
        leaked.forEach(Thread::interrupt);
        leaked.clear();
    }
}
