import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Machine noise, as a model of one processor's run queue: the notification needs the processor for
 * its CPU work, and so do {@code busyTasks} tasks that each compute for a 2 ms slice and then queue
 * again, like runnable goroutines on one P (or threads on a crowded CI core). The queue is fair
 * (first come, first served), so each time the notification needs the processor it waits behind the
 * busy tasks. The code under test and the tests do not change; only the load around them does.
 */
final class Noise implements AutoCloseable {
    static final long SLICE_NANOS = 2_000_000;

    private final Semaphore processor = new Semaphore(1, true);
    private volatile boolean stop;
    private final List<Thread> threads = new ArrayList<>();
    static volatile long sink;

    Noise(int busyTasks) {
        for (int i = 0; i < busyTasks; i++) {
            Thread t = new Thread(() -> {
                long x = 1;
                while (!stop) {
                    processor.acquireUninterruptibly();
                    try {
                        long end = System.nanoTime() + SLICE_NANOS;
                        while (System.nanoTime() < end && !stop) {
                            for (int k = 0; k < 1000; k++) x = x * 6364136223846793005L + 1442695040888963407L;
                        }
                        sink = x;
                    }
                    finally {
                        processor.release();
                    }
                }
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Runs CPU work once the processor is free (behind whatever is queued for it). */
    <T> T onProcessor(Supplier<T> work) {
        processor.acquireUninterruptibly();
        try {
            return work.get();
        }
        finally {
            processor.release();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) t.join(2000);
    }
}
