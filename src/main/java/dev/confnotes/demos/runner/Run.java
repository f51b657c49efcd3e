package dev.confnotes.demos.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.manifest.DemoManifest;

/**
 * A run's state and its events, in memory while it runs (and for replays loaded from the database).
 * Events are appended by the runner and read by any number of viewers, each at its own pace: a
 * viewer reads the events after the last one it sent, so a slow viewer never holds up the others.
 * Nobody waits on a run: a viewer subscribes a listener that is told (on the appending thread, after
 * the lock is released) whenever an event is appended or the state changes, and reads when it can.
 */
public final class Run {

    public final String id;

    public final DemoManifest manifest;

    public final Map<String, String> params;

    public final Instant startedAt;

    private final long startNanos;

    private final ReentrantLock lock = new ReentrantLock();

    private final List<RunEvent> events = new ArrayList<>();

    private final AtomicInteger viewers = new AtomicInteger();

    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    private volatile Outcome outcome = Outcome.QUEUED;

    private volatile String reason;

    private volatile Instant endedAt;

    volatile Process process;

    private CommandWriter commands;

    /** Every process of this run's tree seen so far, by pid: orphans re-parented away are still here. */
    private final Map<Long, ProcessHandle> tree = new ConcurrentHashMap<>();

    public Run(String id, DemoManifest manifest, Map<String, String> params, Instant startedAt) {
        this.id = id;
        this.manifest = manifest;
        this.params = params;
        this.startedAt = startedAt;
        this.startNanos = System.nanoTime();
    }

    /** A finished run rebuilt from its record, for replay. */
    public static Run replay(String id, DemoManifest manifest, Map<String, String> params, Instant startedAt,
            Instant endedAt, Outcome outcome, String reason, List<RunEvent> events) {
        Run run = new Run(id, manifest, params, startedAt);
        run.events.addAll(events);
        run.outcome = outcome;
        run.reason = reason;
        run.endedAt = endedAt;
        return run;
    }

    public String getId() {
        return id;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Map<String, String> getParams() {
        return params;
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    RunEvent append(String type, String json) {
        lock.lock();
        try {
            RunEvent event = new RunEvent(events.size() + 1, type, elapsedMillis(), json);
            events.add(event);
            return event;
        }
        finally {
            lock.unlock();
            notifyListeners();
        }
    }

    /** Sets the state; returns false when the run had already ended (the first final outcome wins). */
    boolean moveTo(Outcome next, String why, Instant at) {
        lock.lock();
        try {
            if (outcome.isFinal()) {
                return false;
            }
            outcome = next;
            reason = why;
            if (next.isFinal()) {
                endedAt = at;
            }
            return true;
        }
        finally {
            lock.unlock();
            notifyListeners();
        }
    }

    /**
     * Registers a listener told of every new event and state change. It runs on the thread that
     * changed the run, so it must only hand work over (never block, never send).
     */
    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Runnable listener) {
        listeners.remove(listener);
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    /** Up to {@code max} events after {@code seq}, without waiting; empty when there are none yet. */
    public List<RunEvent> after(long seq, int max) {
        lock.lock();
        try {
            // clamped to [0, events] before narrowing: a huge Last-Event-ID must not wrap negative
            int from = (int) Math.min(Math.max(0, seq), events.size());
            if (events.size() <= from) {
                return List.of();
            }
            return List.copyOf(events.subList(from, Math.min(events.size(), from + max)));
        }
        finally {
            lock.unlock();
        }
    }

    public List<RunEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        }
        finally {
            lock.unlock();
        }
    }

    public int eventCount() {
        lock.lock();
        try {
            return events.size();
        }
        finally {
            lock.unlock();
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** Why the run ended, as a message key and arguments for a page in the reader's language; null if it has not. */
    public RunReason.Words reasonWords() {
        return RunReason.words(reason);
    }

    /**
     * The summary of the run's {@code done} line, values as sent (numbers, text, booleans); empty when the run
     * has none (yet).
     */
    public Map<String, Object> summary() {
        List<RunEvent> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            if ("done".equals(all.get(i).type())) {
                try {
                    JsonNode summary = JsonMapper.shared().readTree(all.get(i).json()).path("summary");
                    Map<String, Object> values = new LinkedHashMap<>();
                    summary.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNumber()
                            ? e.getValue().numberValue() : e.getValue().isBoolean() ? e.getValue().asBoolean()
                                    : e.getValue().asString()));
                    return values;
                }
                catch (JacksonException ex) {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    /** The ids of the manifest's guided steps a finished run met; none unless it finished. */
    public List<String> stepsMet() {
        return outcome == Outcome.FINISHED && !manifest.steps().isEmpty() ? manifest.stepsMetBy(summary()) : List.of();
    }

    /** Records the process and its descendants as they are now. */
    void recordTree() {
        Process root = process;
        if (root == null) {
            return;
        }
        ProcessHandle handle = root.toHandle();
        tree.put(handle.pid(), handle);
        handle.descendants().forEach(p -> tree.put(p.pid(), p));
    }

    /** The processes of this run's tree recorded so far that are still alive (same pid and start time). */
    List<ProcessHandle> recordedTreeAlive() {
        return tree.values().stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The writer of this run's stdin, started at the first command. */
    synchronized CommandWriter commands() {
        if (commands == null) {
            commands = new CommandWriter(id, process.getOutputStream());
        }
        return commands;
    }

    synchronized void closeCommands() {
        if (commands != null) {
            commands.close();
        }
    }

    int viewerJoined() {
        return viewers.incrementAndGet();
    }

    int viewerLeft() {
        return viewers.decrementAndGet();
    }

    public int viewers() {
        return viewers.get();
    }
}
