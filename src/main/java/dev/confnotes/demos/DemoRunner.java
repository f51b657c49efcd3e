package dev.confnotes.demos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts and ends runs. Each run is a child JVM of the server's own JDK, started from an argv list
 * (never a shell) with a heap cap, one visible processor, a wall-clock limit and capped output. Runs
 * at once are bounded by a semaphore; ending a run ends its whole process tree (TERM, then KILL after
 * the grace period), every process of it recorded while it ran included (orphans of an exited parent
 * too), and the server ends every child when it stops, or from a shutdown hook if the context never
 * closes. If the server is killed outright, each child halts itself: it is started through
 * {@link DemoCompiler#LAUNCHER}, which watches its parent.
 */
@Component
class DemoRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{16}");

    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use\\w+GC");

    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private static final Duration KEEP_ENDED = Duration.ofMinutes(2);

    /** Added to the longest time limit before a record left "running" counts as stale (clock skew, saving). */
    static final Duration STALE_MARGIN = Duration.ofMinutes(2);

    /** How often records left "running" by instances that died are looked for. */
    private static final Duration STALE_SWEEP = Duration.ofMinutes(5);

    private final DemosProperties properties;

    private final DemoCatalog catalog;

    private final DemoCompiler compiler;

    private final DemoRunRepository history;

    private final JsonMapper json;

    private final Clock clock;

    private final Semaphore permits;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Run> live = new ConcurrentHashMap<>();

    private final Map<String, Run> shared = new ConcurrentHashMap<>();

    private final Map<String, AtomicReference<Outcome>> endRequests = new ConcurrentHashMap<>();

    /** The reason given with each end request, recorded when the run has ended. */
    private final Map<String, String> pendingReasons = new ConcurrentHashMap<>();

    /** The heap cap (MB) reserved by each run that has not ended yet; its sum is bounded. */
    private final Map<String, Integer> heapReserved = new ConcurrentHashMap<>();

    private final Set<String> archivesBeingWritten = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("demo-timers").factory());

    private final Thread shutdownHook = new Thread(this::killAllNow, "demo-children-reaper");

    /** This server instance, stored on every run it starts (see {@link #failStaleRecords}). */
    private final String instanceId;

    private volatile boolean running;

    DemoRunner(DemosProperties properties, DemoCatalog catalog, DemoCompiler compiler, DemoRunRepository history,
            JsonMapper json, Clock clock, @Value("${confnotes.instance-id:}") String instanceId) {
        this.properties = properties;
        this.catalog = catalog;
        this.compiler = compiler;
        this.history = history;
        this.json = json;
        this.clock = clock;
        this.permits = new Semaphore(properties.runBound());
        this.instanceId = instanceId == null || instanceId.isBlank() ? randomInstanceId() : instanceId.strip();
    }

    private static String randomInstanceId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String instanceId() {
        return instanceId;
    }

    /** Too many runs at once: a 429 with {@code Retry-After}. */
    static final class TooManyRunsException extends RuntimeException {

        final long retryAfterSeconds;

        TooManyRunsException(long retryAfterSeconds) {
            super("too many runs at once");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    Run start(DemoManifest manifest, Map<String, String> given) {
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
    synchronized Run shared(DemoManifest manifest) {
        Optional<Run> current = currentShared(manifest.id());
        if (current.isPresent()) {
            return current.get();
        }
        return launchShared(manifest, ParamValidator.validate(manifest, Map.of()));
    }

    /** The shared run of this demo that is going and not being ended, if any. */
    Optional<Run> currentShared(String demoId) {
        Run current = shared.get(demoId);
        if (current == null || current.outcome().isFinal() || endRequested(current)) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    /** An explicit start of a shared demo: joins the shared run if it has these values, else replaces it. */
    private synchronized Run startShared(DemoManifest manifest, Map<String, String> params) {
        Optional<Run> current = currentShared(manifest.id());
        if (current.isPresent()) {
            if (current.get().params.equals(params)) {
                return current.get();
            }
            end(current.get(), Outcome.CANCELED, "replaced by a run with other parameters");
        }
        return launchShared(manifest, params);
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
        if (!permits.tryAcquire()) {
            throw new TooManyRunsException(Math.max(1, properties.retryAfter().toSeconds()));
        }
        Run run;
        String id = newId();
        try {
            reserveHeap(id, heapMb(manifest, params));
        }
        catch (RuntimeException ex) {
            permits.release();
            throw ex;
        }
        try {
            run = new Run(id, manifest, Map.copyOf(params), clock.instant());
            history.save(new DemoRun(run.id, manifest.id(), json.writeValueAsString(params), run.startedAt,
                    instanceId));
            live.put(run.id, run);
            endRequests.put(run.id, new AtomicReference<>());
            status(run);
        }
        catch (RuntimeException ex) {
            heapReserved.remove(id);
            permits.release();
            throw ex;
        }
        // A platform thread, as are the output pumps: their number is bounded by the runs at once, and a
        // virtual thread here once deadlocked the server (see RunStreams).
        Thread.ofPlatform().daemon().name("demo-run-" + run.id).start(() -> execute(run));
        return run;
    }

    /**
     * Reserves a run's heap cap, or refuses it (429) when the caps of the runs already going plus this
     * one would pass {@code max-total-child-heap-mb}. Children cannot grow past their {@code -Xmx}, so
     * the sum of the caps bounds the heap all of them can ever hold at once.
     */
    private synchronized void reserveHeap(String id, int mb) {
        int reserved = reservedHeapMb();
        if ((long) reserved + mb > properties.maxTotalChildHeapMb()) {
            log.info("Refused a run with a {} MB heap: {} MB of {} MB are reserved by running demos", mb, reserved,
                    properties.maxTotalChildHeapMb());
            throw new TooManyRunsException(Math.max(1, properties.retryAfter().toSeconds()));
        }
        heapReserved.put(id, mb);
    }

    int reservedHeapMb() {
        return heapReserved.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The {@code -Xmx} a run of these (validated) parameters gets, in MB: as {@link #commandLine} builds it. */
    static int heapMb(DemoManifest manifest, Map<String, String> params) {
        int mb = manifest.heapMb();
        for (DemoManifest.Param param : manifest.params()) {
            String value = params.get(param.name());
            Optional<String> flag = value == null ? Optional.empty() : param.jvmFlag(value);
            if (flag.isPresent() && flag.get().startsWith("-Xmx")) {
                mb = xmxMb(flag.get());
            }
        }
        return mb;
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

    Optional<Run> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Drops an ended run from memory, so it is served from its record (as after a restart). */
    void forget(String id) {
        Run run = live.get(id);
        if (run != null && run.outcome().isFinal()) {
            live.remove(id);
        }
    }

    int liveCount() {
        return (int) live.values().stream().filter(r -> !r.outcome().isFinal()).count();
    }

    /** A live run, or a finished one rebuilt from its record. */
    Optional<Run> find(String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Run run = live.get(id);
        if (run != null) {
            return Optional.of(run);
        }
        return history.findById(id).flatMap(this::rebuild);
    }

    private Optional<Run> rebuild(DemoRun record) {
        DemoManifest manifest = catalog.find(record.getDemoId()).orElse(null);
        if (manifest == null) {
            return Optional.empty();
        }
        List<RunEvent> events = new ArrayList<>();
        if (record.getEventLog() != null) {
            for (var node : json.readTree(record.getEventLog())) {
                events.add(new RunEvent(node.get("seq").asLong(), node.get("type").asString(), node.get("t").asLong(),
                        json.writeValueAsString(node.get("data"))));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        json.readTree(record.getParamsJson()).properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
        Outcome outcome = record.getOutcome().isFinal() ? record.getOutcome() : Outcome.FAILED;
        return Optional.of(Run.replay(record.getId(), manifest, params, record.getStartedAt(), record.getEndedAt(),
                outcome, record.getReason(), events));
    }

    void cancel(Run run) {
        end(run, Outcome.CANCELED, "canceled by a viewer");
    }

    /**
     * Queues one JSON command line for the program's stdin; never blocks. Refused with
     * {@link IllegalStateException} when the run is not (or no longer) running, and with
     * {@link CommandWriter.BacklogException} when the program is not reading its commands.
     */
    void send(Run run, String commandJson) {
        Process process = run.process;
        if (process == null || run.outcome().isFinal() || !process.isAlive()) {
            throw new IllegalStateException(process == null && !run.outcome().isFinal() ? "the run is not running"
                    : CommandWriter.ENDED);
        }
        run.commands().offer(commandJson);
    }

    void viewerJoined(Run run) {
        run.viewerJoined();
    }

    void viewerLeft(Run run) {
        if (run.viewerLeft() <= 0 && run.manifest.shared()) {
            lingerCheck(run);
        }
    }

    private void lingerCheck(Run run) {
        later(() -> {
            if (run.viewers() <= 0 && !run.outcome().isFinal()) {
                end(run, Outcome.CANCELED, "no one was watching");
            }
        }, properties.sharedLinger());
    }

    private boolean endRequested(Run run) {
        AtomicReference<Outcome> request = endRequests.get(run.id);
        return request != null && request.get() != null;
    }

    /** Ends a run with the given outcome unless another ending got there first. */
    private void end(Run run, Outcome outcome, String reason) {
        AtomicReference<Outcome> request = endRequests.get(run.id);
        if (request == null || !request.compareAndSet(null, outcome)) {
            return;
        }
        pendingReasons.put(run.id, reason);
        if (run.process != null) {
            terminateRun(run, properties.gracePeriod());
        }
    }

    private void execute(Run run) {
        DemoManifest manifest = run.manifest;
        OutputPump pump = new OutputPump(run, json, properties);
        int exit = -1;
        String failure = null;
        String archiveKey = null;
        java.util.concurrent.ScheduledFuture<?> timeout = null;
        java.util.concurrent.ScheduledFuture<?> ticks = null;
        java.util.concurrent.ScheduledFuture<?> snapshots = null;
        try {
            // inside the try: when the server is stopping the timers refuse it, and the run must still end
            // (permit and heap reservation released, record closed). Scheduled before the process exists:
            // a slow compile counts against the limit too.
            timeout = timers.schedule(() -> end(run, Outcome.TIMED_OUT,
                    "passed its time limit of " + manifest.timeLimitSeconds() + " s"), manifest.timeLimitSeconds(),
                    TimeUnit.SECONDS);
            // what the pump kept over its per-second cap goes out when the second ends, even if output stops
            ticks = timers.scheduleAtFixedRate(pump::tick, 1, 1, TimeUnit.SECONDS);
            // the tree is recorded while the run goes, so children re-parented when their parent exits are
            // still known (and ended) when the run ends
            snapshots = timers.scheduleAtFixedRate(() -> recordTree(run), 0, 500, TimeUnit.MILLISECONDS);
            Path folder = catalog.folder(manifest);
            Optional<DemoCompiler.Compiled> compiled = compiler.compile(manifest, folder);
            CommandLine command = commandLine(run, folder, compiled.orElse(null));
            archiveKey = command.archiveKey();
            if (endRequested(run)) {
                throw new IllegalStateException("ended before it started");
            }
            ProcessBuilder builder = new ProcessBuilder(command.argv());
            builder.directory(compiled.map(DemoCompiler.Compiled::home).orElse(folder).toFile());
            builder.environment().clear();
            builder.environment().put("LANG", "C.UTF-8");
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.start();
            run.process = process;
            recordTree(run);
            run.moveTo(Outcome.RUNNING, null, null);
            status(run);
            if (endRequested(run)) {
                terminateRun(run, properties.gracePeriod());
            }
            Thread err = Thread.ofPlatform().daemon().name("demo-err-" + run.id)
                .start(() -> quietly(() -> pump.pumpStderr(process.getErrorStream())));
            pump.pumpStdout(process.getInputStream());
            recordTree(run);
            exit = process.waitFor();
            err.join(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
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
            if (archiveKey != null) {
                archivesBeingWritten.remove(archiveKey);
            }
            // every process of the tree ever seen that is still alive, orphans of an exited root included
            Process process = run.process;
            if (process != null) {
                recordTree(run);
                terminateRun(run, process.isAlive() ? Duration.ZERO : properties.gracePeriod());
            }
        }
        Outcome requested = endRequests.get(run.id).get();
        Outcome outcome;
        String reason;
        if (requested != null) {
            outcome = requested;
            reason = pendingReasons.remove(run.id);
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
                    : pump.lastError() != null ? pump.lastError() : lastLine(pump.stderrTail(), "exit code " + exit);
        }
        finish(run, outcome, reason);
    }

    private void finish(Run run, Outcome outcome, String reason) {
        // the final status goes out before the run counts as ended, so every viewer gets it before "end"
        status(run, outcome, reason);
        run.moveTo(outcome, reason, clock.instant());
        try {
            history.findById(run.id).ifPresent(record -> {
                List<RunEvent> events = run.events();
                int kept = Math.min(events.size(), properties.storedEvents());
                ArrayNode log = json.createArrayNode();
                for (RunEvent event : events.subList(0, kept)) {
                    ObjectNode entry = log.addObject();
                    entry.put("seq", event.seq()).put("type", event.type()).put("t", event.t());
                    entry.set("data", json.readTree(event.json()));
                }
                record.end(run.endedAt(), outcome, reason, json.writeValueAsString(log), events.size(),
                        kept < events.size());
                history.save(record);
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not record the end of run {}: {}", run.id, ex.getMessage());
        }
        finally {
            heapReserved.remove(run.id);
            permits.release();
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

    record CommandLine(List<String> argv, String archiveKey) {
    }

    /**
     * The JVM options of a run: heap cap, one CPU, the collector (Serial unless a param picks one), the
     * manifest's flags, and JVM warnings sent to stderr so stdout stays the program's JSON.
     */
    static List<String> jvmOptions(DemoManifest manifest, Map<String, String> params) {
        List<String> jvm = manifestFlags(manifest, params);
        String heap = jvm.stream().filter(f -> f.startsWith("-Xmx")).reduce((a, b) -> b)
            .orElse("-Xmx" + manifest.heapMb() + "m");
        List<String> options = new ArrayList<>();
        options.add(heap);
        options.add("-XX:ActiveProcessorCount=1");
        if (collector(jvm) == null) {
            options.add("-XX:+UseSerialGC");
        }
        jvm.stream().filter(f -> !f.startsWith("-Xmx")).forEach(options::add);
        options.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8"));
        return options;
    }

    /**
     * The program started by the source launcher, as a reader would type it by hand; the runner itself
     * uses the precompiled jar when it can. Tests walk {@code demos/} with this.
     */
    static List<String> sourceLaunch(DemoManifest manifest, Map<String, String> params, Path folder) {
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand());
        argv.addAll(jvmOptions(manifest, params));
        argv.add(folder.resolve(manifest.main()).toString());
        params.forEach((name, value) -> argv.add("--" + name + "=" + value));
        return List.copyOf(argv);
    }

    private static List<String> manifestFlags(DemoManifest manifest, Map<String, String> params) {
        List<String> jvm = new ArrayList<>();
        for (DemoManifest.Param param : manifest.params()) {
            param.jvmFlag(params.get(param.name())).ifPresent(jvm::add);
        }
        jvm.addAll(manifest.jvmFlags());
        return jvm;
    }

    private static String collector(List<String> flags) {
        return flags.stream().filter(f -> GC_FLAG.matcher(f).matches()).findFirst().orElse(null);
    }

    CommandLine commandLine(Run run, Path folder, DemoCompiler.Compiled compiled) {
        DemoManifest manifest = run.manifest;
        String gc = collector(manifestFlags(manifest, run.params));
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand());
        argv.addAll(jvmOptions(manifest, run.params));
        String archiveKey = null;
        if (compiled != null) {
            if (properties.classDataSharing()) {
                String name = (gc == null ? "serial" : gc.replaceAll("\\W", "")) + ".jsa";
                Path archive = compiled.home().resolve(name);
                if (archivesBeingWritten.add(archive.toString())) {
                    archiveKey = archive.toString();
                    argv.add("-XX:SharedArchiveFile=" + archive);
                    argv.add("-XX:+AutoCreateSharedArchive");
                }
                else if (Files.exists(archive)) {
                    argv.add("-XX:SharedArchiveFile=" + archive);
                }
            }
            // through the launcher, so the child ends with the server even if the server is killed
            argv.addAll(List.of("-cp", compiled.jar().toString(), DemoCompiler.LAUNCHER, manifest.mainClass()));
        }
        else {
            argv.add(folder.resolve(manifest.main()).toString());
        }
        run.params.forEach((name, value) -> argv.add("--" + name + "=" + value));
        return new CommandLine(List.copyOf(argv), archiveKey);
    }

    static String javaCommand() {
        return ProcessHandle.current()
            .info()
            .command()
            .filter(c -> c.endsWith("java"))
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** One platform thread that KILLs what is left of a process tree once its grace period is over. */
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("demo-reaper").factory());

    private static void recordTree(Run run) {
        try {
            run.recordTree();
        }
        catch (RuntimeException ex) {
            log.debug("Could not record the process tree of run {}: {}", run.id, ex.getMessage());
        }
    }

    /**
     * TERM to every process of the run's tree recorded so far (the current tree included) that is still
     * alive, then KILL to whatever is left after the grace period.
     */
    static void terminateRun(Run run, Duration grace) {
        recordTree(run);
        terminate(run.recordedTreeAlive(), grace);
    }

    /** TERM to each process, then KILL to whatever is left after the grace period (at once if zero). */
    private static void terminate(List<ProcessHandle> tree, Duration grace) {
        tree.forEach(p -> {
            if (grace.isZero()) {
                p.destroyForcibly();
            }
            else {
                p.destroy();
            }
        });
        if (grace.isZero()) {
            return;
        }
        REAPER.schedule(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void killAllNow() {
        live.values().forEach(run -> {
            if (run.process != null) {
                terminateRun(run, Duration.ZERO);
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
        failStaleRecords(true);
        try {
            timers.scheduleWithFixedDelay(() -> failStaleRecords(false), STALE_SWEEP.toMillis(), STALE_SWEEP.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // shutting down
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
    }

    /**
     * Records left "running" or "queued" by a server that died cannot be resumed: they are recorded as
     * failed. Several instances may share one database, so a record is only failed when no instance can
     * still be running it: it was started longer ago than the longest time limit of any demo plus
     * {@link #STALE_MARGIN} (every instance ends its runs at their time limit), or, at start-up, it carries
     * this instance's id (a fixed {@code confnotes.instance-id}: this host's previous process died with it).
     * Runs every {@link #STALE_SWEEP} too, so the records of an instance that never comes back are failed.
     */
    void failStaleRecords(boolean atStartUp) {
        try {
            int longest = catalog.all().stream().mapToInt(DemoManifest::timeLimitSeconds).max().orElse(0);
            Instant cutoff = clock.instant().minus(Duration.ofSeconds(longest).plus(STALE_MARGIN));
            history.findByOutcomeIn(List.of(Outcome.RUNNING, Outcome.QUEUED)).forEach(record -> {
                boolean mine = atStartUp && instanceId.equals(record.getInstanceId());
                if ((mine || record.getStartedAt().isBefore(cutoff)) && !live.containsKey(record.getId())) {
                    record.end(record.getStartedAt(), Outcome.FAILED, "the server stopped during the run", null, 0,
                            false);
                    history.save(record);
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for runs left running by a stopped server: {}", ex.getMessage());
        }
    }

    /** Ends every child, waiting at most the grace period (plus a little) for them to go. */
    @Override
    public void stop() {
        running = false;
        List<Run> runs = List.copyOf(live.values());
        runs.forEach(run -> end(run, Outcome.CANCELED, "the server is shutting down"));
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
