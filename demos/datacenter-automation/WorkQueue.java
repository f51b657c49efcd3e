import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A work queue with client-go's semantics: a key waits in the queue at most once (adding it again
 * while it waits changes nothing: many events, one reconcile), a key being processed is never handed
 * to a second worker (an add meanwhile queues it again once it is done), and a failed key comes back
 * after a per-key exponential back-off that success resets.
 */
final class WorkQueue {
    static final long BASE_MS = 100;
    static final long MAX_MS = 3_000;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService timers;
    private boolean shutDown;
    long adds;
    long coalesced;

    WorkQueue(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    synchronized void add(String key) {
        if (shutDown) return;
        adds++;
        if (dirty.contains(key)) {
            coalesced++;
            return;
        }
        dirty.add(key);
        if (!processing.contains(key)) {
            queue.add(key);
            notifyAll();
        }
    }

    /** The next key, marked as being processed; null once shut down. */
    synchronized String get() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) wait();
        if (shutDown) return null;
        String key = queue.poll();
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.add(key);
            notifyAll();
        }
    }

    void addAfter(String key, long ms) {
        timers.schedule(() -> add(key), ms, TimeUnit.MILLISECONDS);
    }

    /** Back-off for a key that failed: 100 ms, 200 ms, 400 ms … up to 3 s; the delay chosen. */
    long addRateLimited(String key) {
        int n;
        synchronized (this) {
            n = failures.merge(key, 1, Integer::sum);
        }
        long delay = Math.min(MAX_MS, BASE_MS << Math.min(n - 1, 20));
        addAfter(key, delay);
        return delay;
    }

    synchronized void forget(String key) {
        failures.remove(key);
    }

    synchronized int depth() {
        return queue.size();
    }

    synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
