package dev.confnotes.demos.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.history.RunRecords;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ParamValidator;

/**
 * Starts and ends runs. Each run is a child JVM of the server's own JDK, started from an argv list
 * ({@link ChildCommandLine}: never a shell, a heap cap, one visible processor) with a wall-clock limit and
 * capped output, and recorded from start to end ({@link RunRecords}). Runs at once are bounded by a semaphore
 * (shared demos' runs by a small one of their own) and by the sum of their heap caps ({@link HeapBudget});
 * ending a run ends its whole process tree ({@link ProcessTrees}), and the server ends every child when it stops, or from a shutdown hook if the
 * context never closes. If the server is killed outright, each child halts itself: it is started through
 * {@link DemoCompiler#LAUNCHER}, which watches its parent.
 */
@Component
public class DemoRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{16}");

    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private static final Duration KEEP_ENDED = Duration.ofMinutes(2);

    /** How often records left "running" by instances that died are looked for. */
    private static final Duration STALE_SWEEP = Duration.ofSeconds(30);

    private final DemosProperties properties;

    private final DemoCatalog catalog;

    private final DemoCompiler compiler;

    private final JsonMapper json;

    private final Clock clock;

    private final HeapBudget heap;

    private final ChildCommandLine commandLine;

    private final RunRecords records;

    /** Runs readers start; shared runs have their own, smaller bound ({@link #sharedPermits}). */
    private final Semaphore permits;

    /** Runs of shared demos: one light program for all its viewers each, so they never crowd out a comparison. */
    private final Semaphore sharedPermits;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Run> live = new ConcurrentHashMap<>();

    private final Map<String, Run> shared = new ConcurrentHashMap<>();

    /** How each run was asked to end, if it was: set once, read when the run has ended. */
    private final Map<String, AtomicReference<Ending>> endRequests = new ConcurrentHashMap<>();

    /** Made anew when a stopped runner starts again (a paused test context, a context restarted). */
    private volatile ScheduledExecutorService timers = newTimers();

    private final Thread shutdownHook = new Thread(this::killAllNow, "demo-children-reaper");

    private volatile boolean running;

    DemoRunner(DemosProperties properties, DemoCatalog catalog, DemoCompiler compiler, RunRecords records,
            HeapBudget heap, ChildCommandLine commandLine, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.catalog = catalog;
        this.compiler = compiler;
        this.json = json;
        this.clock = clock;
        this.heap = heap;
        this.commandLine = commandLine;
        this.records = records;
        this.permits = new Semaphore(properties.runBound());
        this.sharedPermits = new Semaphore(Math.max(1, properties.maxSharedRuns()));
    }

    /** An end asked for, with the reason recorded when the run has ended. */
    private record Ending(Outcome outcome, String reason) {
    }

    /** Too many runs at once: a 429 with {@code Retry-After}. */
    public static final class TooManyRunsException extends RetryLaterException {

        TooManyRunsException(long retryAfterSeconds) {
            super("too many runs at once", retryAfterSeconds);
        }
    }

    public Run start(DemoManifest manifest, Map<String, String> given) {
        Map<String, String> params = ParamValidator.validate(manifest, given);
        if (manifest.shared()) {
            return startShared(manifest, params);
        }
        return launch(manifest, params);
    }

    /**
     * The shared run of a shared demo, as a viewer joins it: whatever shared run is going, whatever its
     * parameters; the defaults are started only when none is. A reload therefore never replaces it: only
     * an explicit start with other parameters does ({@link #start}).
     */
    public synchronized Run shared(DemoManifest manifest) {
        Optional<Run> current = currentShared(manifest.id());
        if (current.isPresent()) {
            return current.get();
        }
        return launchShared(manifest, ParamValidator.validate(manifest, Map.of()));
    }

    /** The shared run of this demo that is going and not being ended, if any. */
    public Optional<Run> currentShared(String demoId) {
        Run current = shared.get(demoId);
        if (current == null || current.outcome().isFinal() || endRequested(current)) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    /** An explicit start of a shared demo: joins the shared run if it has these values, else replaces it. */
    private synchronized Run startShared(DemoManifest manifest, Map<String, String> params) {
        Optional<Run> current = currentShared(manifest.id());
        if (current.isPresent() && current.get().params.equals(params)) {
            return current.get();
        }
        // the replacement first: its viewers find it as soon as the old run ends, and if it cannot start the old
        // one goes on (the shared bound leaves room for both while the old one ends)
        Run next = launchShared(manifest, params);
        current.ifPresent(old -> end(old, Outcome.CANCELED, RunReason.REPLACED.text()));
        return next;
    }

    private Run launchShared(DemoManifest manifest, Map<String, String> params) {
        Run run = launch(manifest, params);
        shared.put(manifest.id(), run);
        lingerCheck(run);
        return run;
    }

    private Run launch(DemoManifest manifest, Map<String, String> params) {
        if (!running) {
            throw new TooManyRunsException(properties.retryAfter().toSeconds());
        }
        Semaphore bound = permitsOf(manifest);
        if (!bound.tryAcquire()) {
            throw new TooManyRunsException(Math.max(1, properties.retryAfter().toSeconds()));
        }
        Run run;
        String id = newId();
        try {
            heap.reserve(id, HeapBudget.heapMb(manifest, params));
        }
        catch (RuntimeException ex) {
            bound.release();
            throw ex;
        }
        try {
            run = new Run(id, manifest, Map.copyOf(params), clock.instant());
            records.started(run, params);
            live.put(run.id, run);
            endRequests.put(run.id, new AtomicReference<>());
            status(run);
        }
        catch (RuntimeException ex) {
            heap.release(id);
            bound.release();
            throw ex;
        }
        // A platform thread, as are the output pumps: their number is bounded by the runs at once, and a
        // virtual thread here once deadlocked the server (see RunStreams).
        Thread.ofPlatform().daemon().name("demo-run-" + run.id).start(() -> execute(run));
        return run;
    }

    /**
     * The bound a run counts against: a shared demo's run (one light program for every viewer, going while anyone
     * watches) against the shared runs' own, so the monitor never holds a slot a comparison needs; every run
     * against the heap budget.
     */
    private Semaphore permitsOf(DemoManifest manifest) {
        return manifest.shared() ? sharedPermits : permits;
    }

    Optional<Run> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Drops an ended run from memory, so it is served from its record (as after a restart). */
    public void forget(String id) {
        Run run = live.get(id);
        if (run != null && run.outcome().isFinal()) {
            live.remove(id);
        }
    }

    public int liveCount() {
        return (int) live.values().stream().filter(r -> !r.outcome().isFinal()).count();
    }

    /** A live run, or a finished one rebuilt from its record. */
    public Optional<Run> find(String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Run run = live.get(id);
        if (run != null) {
            return Optional.of(run);
        }
        return records.replay(id);
    }

    public void cancel(Run run) {
        end(run, Outcome.CANCELED, RunReason.CANCELED_BY_VIEWER.text());
    }

    /**
     * Queues one JSON command line for the program's stdin; never blocks. Refused with
     * {@link IllegalStateException} when the run is not (or no longer) running, and with
     * {@link CommandWriter.BacklogException} when the program is not reading its commands.
     */
    public void send(Run run, String commandJson) {
        Process process = run.process;
        if (process == null || run.outcome().isFinal() || !process.isAlive()) {
            throw new IllegalStateException(process == null && !run.outcome().isFinal() ? "the run is not running"
                    : CommandWriter.ENDED);
        }
        run.commands().offer(commandJson);
    }

    public void viewerJoined(Run run) {
        run.viewerJoined();
    }

    public void viewerLeft(Run run) {
        if (run.viewerLeft() <= 0 && run.manifest.shared()) {
            lingerCheck(run);
        }
    }

    private void lingerCheck(Run run) {
        later(() -> {
            if (run.viewers() <= 0 && !run.outcome().isFinal()) {
                end(run, Outcome.CANCELED, RunReason.NO_VIEWERS.text());
            }
        }, properties.sharedLinger());
    }

    private boolean endRequested(Run run) {
        AtomicReference<Ending> request = endRequests.get(run.id);
        return request != null && request.get() != null;
    }

    /** Ends a run with the given outcome unless another ending got there first. */
    private void end(Run run, Outcome outcome, String reason) {
        AtomicReference<Ending> request = endRequests.get(run.id);
        if (request == null || !request.compareAndSet(null, new Ending(outcome, reason))) {
            return;
        }
        if (run.process != null) {
            ProcessTrees.terminate(run, properties.gracePeriod());
        }
    }

    private void execute(Run run) {
        DemoManifest manifest = run.manifest;
        OutputPump pump = new OutputPump(run, json, properties);
        int exit = -1;
        String failure = null;
        String archiveKey = null;
        ScheduledFuture<?> timeout = null;
        ScheduledFuture<?> ticks = null;
        ScheduledFuture<?> snapshots = null;
        try {
            // inside the try: when the server is stopping the timers refuse it, and the run must still end
            // (permit and heap reservation released, record closed). Scheduled before the process exists:
            // a slow compile counts against the limit too.
            timeout = timers.schedule(() -> end(run, Outcome.TIMED_OUT,
                    RunReason.TIME_LIMIT.text(manifest.timeLimitSeconds())), manifest.timeLimitSeconds(),
                    TimeUnit.SECONDS);
            // what the pump kept over its per-second cap goes out when the second ends, even if output stops
            ticks = timers.scheduleAtFixedRate(pump::tick, 1, 1, TimeUnit.SECONDS);
            // the tree is recorded while the run goes, so children re-parented when their parent exits are
            // still known (and ended) when the run ends
            snapshots = timers.scheduleAtFixedRate(() -> ProcessTrees.record(run), 0, 500, TimeUnit.MILLISECONDS);
            Path folder = catalog.folder(manifest);
            Optional<DemoCompiler.Compiled> compiled = compiler.compile(manifest, folder);
            ChildCommandLine.Command command = commandLine.forRun(run, folder, compiled.orElse(null));
            archiveKey = command.archiveKey();
            if (endRequested(run)) {
                throw new IllegalStateException(RunReason.ENDED_BEFORE_START.text());
            }
            ProcessBuilder builder = new ProcessBuilder(command.argv());
            builder.directory(compiled.map(DemoCompiler.Compiled::home).orElse(folder).toFile());
            builder.environment().clear();
            builder.environment().put("LANG", "C.UTF-8");
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.start();
            run.process = process;
            ProcessTrees.record(run);
            run.moveTo(Outcome.RUNNING, null, null);
            status(run);
            if (endRequested(run)) {
                ProcessTrees.terminate(run, properties.gracePeriod());
            }
            Thread err = Thread.ofPlatform().daemon().name("demo-err-" + run.id)
                .start(() -> quietly(() -> pump.pumpStderr(process.getErrorStream())));
            pump.pumpStdout(process.getInputStream());
            ProcessTrees.record(run);
            exit = process.waitFor();
            err.join(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = RunReason.INTERRUPTED.text();
        }
        catch (Exception ex) {
            failure = ex.getMessage();
            log.warn("Run {} of {} failed to start: {}", run.id, manifest.id(), ex.getMessage());
        }
        finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (ticks != null) {
                ticks.cancel(false);
            }
            if (snapshots != null) {
                snapshots.cancel(false);
            }
            run.closeCommands();
            commandLine.archiveWritten(archiveKey);
            // every process of the tree ever seen that is still alive, orphans of an exited root included
            Process process = run.process;
            if (process != null) {
                ProcessTrees.record(run);
                ProcessTrees.terminate(run, process.isAlive() ? Duration.ZERO : properties.gracePeriod());
            }
        }
        Ending requested = endRequests.get(run.id).get();
        Outcome outcome;
        String reason;
        if (requested != null) {
            outcome = requested.outcome();
            reason = requested.reason();
        }
        else if (failure != null) {
            outcome = Outcome.FAILED;
            reason = failure;
        }
        else if (exit == 0) {
            outcome = Outcome.FINISHED;
            reason = null;
        }
        else {
            outcome = Outcome.FAILED;
            reason = pump.outOfMemory() != null ? pump.outOfMemory()
                    : pump.lastError() != null ? pump.lastError() : lastLine(pump.stderrTail(), RunReason.EXIT_CODE.text(exit));
        }
        finish(run, outcome, reason);
    }

    private void finish(Run run, Outcome outcome, String reason) {
        // the final status goes out before the run counts as ended, so every viewer gets it before "end"
        status(run, outcome, reason);
        run.moveTo(outcome, reason, clock.instant());
        try {
            records.ended(run, outcome, reason);
        }
        finally {
            heap.release(run.id);
            permitsOf(run.manifest).release();
            shared.remove(run.manifest.id(), run);
            later(() -> {
                live.remove(run.id);
                endRequests.remove(run.id);
            }, KEEP_ENDED);
        }
    }

    private void status(Run run) {
        status(run, run.outcome(), run.reason());
    }

    private void status(Run run, Outcome outcome, String reason) {
        ObjectNode status = json.createObjectNode();
        status.put("type", "status").put("t", run.elapsedMillis()).put("state", outcome.key());
        if (reason != null) {
            status.put("reason", reason);
        }
        run.append("status", json.writeValueAsString(status));
    }

    private void killAllNow() {
        live.values().forEach(run -> {
            if (run.process != null) {
                ProcessTrees.terminate(run, Duration.ZERO);
            }
        });
    }

    private void later(Runnable task, Duration delay) {
        try {
            timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // shutting down: nothing is left to tidy later
        }
    }

    private static ScheduledExecutorService newTimers() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("demo-timers").factory());
    }

    private String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    private static String lastLine(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String[] lines = text.strip().split("\n");
        return fallback + ": " + lines[lines.length - 1].strip();
    }

    private interface IoAction {

        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        }
        catch (IOException ex) {
            // the process went away; its exit is handled by the run's own thread
        }
    }

    @Override
    public void start() {
        if (timers.isShutdown()) {
            timers = newTimers();
        }
        records.failStale(true, live::containsKey);
        records.heartbeat();
        try {
            timers.scheduleWithFixedDelay(records::heartbeat, RunRecords.HEARTBEAT.toMillis(),
                    RunRecords.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
            timers.scheduleWithFixedDelay(() -> records.failStale(false, live::containsKey), STALE_SWEEP.toMillis(),
                    STALE_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // shutting down
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
    }

    /** Ends every child, waiting at most the grace period (plus a little) for them to go. */
    @Override
    public void stop() {
        running = false;
        List<Run> runs = List.copyOf(live.values());
        runs.forEach(run -> end(run, Outcome.CANCELED, RunReason.SHUTDOWN.text()));
        long deadline = System.nanoTime() + properties.gracePeriod().plusSeconds(2).toNanos();
        for (Run run : runs) {
            while (!run.outcome().isFinal() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        killAllNow();
        timers.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException ex) {
            // already shutting down: the hook runs anyway
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the web server (and the database) go, so children end while their records can be saved. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
