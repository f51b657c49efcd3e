package dev.confnotes.demos.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes a run's commands to its stdin from one platform thread of its own, through a small bounded
 * queue. A request thread only ever offers to the queue, so a program that never reads stdin (its pipe
 * full) can hold up this writer but never a server thread: once the queue is full, commands are refused
 * ({@link BacklogException}, a 429). A closed or broken stdin ends the writer; later commands are refused
 * as "run has ended".
 */
public final class CommandWriter {

    static final int CAPACITY = 16;

    static final String ENDED = "run has ended";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);

    private final OutputStream stdin;

    private final Thread thread;

    private volatile boolean closed;

    /** Too many commands waiting for the program to read them: a 429 with {@code Retry-After}. */
    public static final class BacklogException extends RetryLaterException {

        public BacklogException() {
            super("too many commands are waiting for the program to read them", 1);
        }
    }

    CommandWriter(String runId, OutputStream stdin) {
        this.stdin = stdin;
        // a platform thread: a virtual thread blocked in a pipe write once deadlocked the server
        this.thread = Thread.ofPlatform().daemon().name("demo-stdin-" + runId).start(this::drain);
    }

    /** Queues one command line; never blocks. */
    void offer(String line) {
        if (closed) {
            throw new IllegalStateException(ENDED);
        }
        if (!queue.offer(line)) {
            throw new BacklogException();
        }
        if (closed) {
            queue.clear();
            throw new IllegalStateException(ENDED);
        }
    }

    /** Stops the writer; a write blocked on a full pipe ends when the program (and its pipe) goes. */
    void close() {
        closed = true;
        thread.interrupt();
    }

    private void drain() {
        try {
            while (!closed) {
                String line = queue.take();
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        }
        catch (InterruptedException ex) {
            // closed: the run ended
        }
        catch (IOException ex) {
            // the program closed its stdin or exited: nothing more can reach it
        }
        finally {
            closed = true;
            queue.clear();
            try {
                stdin.close();
            }
            catch (IOException ex) {
                // already broken
            }
        }
    }
}
