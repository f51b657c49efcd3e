package dev.confnotes.demos.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.demos.runner.RunEvent;
import dev.confnotes.demos.runner.RunReason;

/**
 * Streams a run to its viewers as Server-Sent Events, with writes that never block a shared thread. A
 * viewer is not a thread: it is a cursor (the last event it was sent), an async response whose output
 * is written without blocking (the Servlet API's {@link WriteListener}), and a drain task. When the run
 * appends an event or changes state it wakes every subscribed viewer, and a small fixed pool of platform
 * threads ({@code sse-sender-N}) drains each woken viewer: it writes the events after the viewer's cursor
 * (the run's backlog first, then live) for as long as the connection takes them, and stops the moment it
 * does not; the container calls back when it can take more, and the drain goes on from the cursor. So a
 * reader whose network stalls holds nothing but its own cursor: no sender waits for it, and every other
 * viewer is served as before. One that stays stalled while events wait (past {@code stall-timeout}, or
 * {@code max-backlog} events behind) is disconnected; its browser reconnects with the id of the last
 * event it got ({@code Last-Event-ID}) and loses nothing, since the run keeps its events.
 * <p>
 * Each event is turned into its bytes once per run ({@link Frames}), not once per viewer; a status line,
 * HTML in the viewer's language, once per language. One viewer's writes are serialized (at most one drain
 * of it runs or is queued at a time), different viewers are drained in parallel, and a long backlog is
 * sent in batches so one replay cannot hold a sender for long. One timer thread ({@code sse-timers})
 * sweeps for idle viewers and wakes them to send a heartbeat comment (which also finds viewers who left),
 * disconnects stalled ones, and wakes a viewer replaying at the real pace when its next event is due.
 * Every ending (completion, timeout, error) releases the viewer at once. A request that only asks about
 * a stream ({@code HEAD}) gets its headers and registers no viewer; one client address may hold at most
 * {@code max-per-client} streams (past it, 429 with {@code Retry-After}).
 * <p>
 * Event ids are {@code <runId>:<seq>}, so a {@code Last-Event-ID} names the run it belongs to: one
 * naming another run (the shared run was replaced while the viewer was away) is ignored and the viewer
 * gets the current run from its start. A viewer of a shared demo's live stream follows the demo, not
 * one run: when the shared run is replaced it gets a {@code run} event naming the new run and goes on
 * with that run's events; only when no shared run follows does it get {@code end}.
 * <p>
 * No virtual threads on purpose: sending renders templates and serializes JSON, which can load
 * classes from the packaged jar, whose reader is {@code synchronized}. A virtual thread that blocks
 * inside it keeps the monitor while unmounted; with every carrier pinned by class loading waiting for
 * that monitor, the whole server deadlocked on a 2-core machine. Platform threads release what they
 * hold. Program events go out as JSON for the panel's script; status changes as HTML rendered from
 * the {@code demos/status} template for htmx to swap in.
 */
@Component
public class RunStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunStreams.class);

    static final String STATUS_TEMPLATE = "demos/status";

    /** Events sent to one viewer in one go before its drain yields the sender to other viewers. */
    static final int BATCH = 256;

    /** The response buffer of one event stream. */
    static final int STREAM_BUFFER_BYTES = 4096;

    private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final DemosProperties properties;

    private final StreamProperties bounds;

    private final DemoRunner runner;

    private final ITemplateEngine templates;

    private final JsonMapper json;

    private final ExecutorService senders;

    private final ScheduledExecutorService timers;

    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();

    /** Each run's events as bytes, made once and shared by all its viewers; dropped with its last viewer. */
    private final Map<String, Frames> frames = new ConcurrentHashMap<>();

    /** Open streams per client address. */
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    private final long heartbeatNanos;

    private final long stallNanos;

    RunStreams(DemosProperties properties, StreamProperties bounds, DemoRunner runner, ITemplateEngine templates,
            JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.bounds = bounds;
        this.runner = runner;
        this.templates = templates;
        this.json = json;
        this.heartbeatNanos = properties.heartbeat().toNanos();
        this.stallNanos = bounds.stallTimeout().toNanos();
        this.senders = Executors.newFixedThreadPool(Math.max(1, properties.sseSenderThreads()),
                Thread.ofPlatform().daemon().name("sse-sender-", 1).factory());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sse-timers").factory());
        long sweepMillis = Math.clamp(Math.min(properties.heartbeat().toMillis(), bounds.stallTimeout().toMillis()) / 4, 50, 1000);
        timers.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        Gauge.builder("confnotes.streams.viewers", viewers, Set::size)
            .description("Open event streams to viewers of demo runs")
            .register(meters);
    }

    /** The events of one run ({@code /runs/{id}/events}, also under {@code /api}). */
    public void events(Run run, String lastEventId, String pace, Locale locale, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        open(request, response, () -> run, r -> resumeAfter(r, lastEventId, true), "real".equals(pace), locale, false);
    }

    /**
     * The live stream of a shared demo: joins its shared run (started with the defaults when none is
     * going) and follows the demo when that run is replaced. A bare {@code Last-Event-ID} (no run id)
     * cannot say which run it meant, so it is ignored here. A {@code HEAD} starts no run.
     */
    public void live(DemoManifest manifest, String lastEventId, Locale locale, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        open(request, response, () -> runner.shared(manifest), r -> resumeAfter(r, lastEventId, false), false, locale,
                true);
    }

    /** The SSE id of an event: the run and the event's place in it. */
    static String eventId(Run run, long seq) {
        return run.id + ":" + seq;
    }

    /**
     * The seq to resume after, from a {@code Last-Event-ID}: {@code <runId>:<seq>} for this run, or a bare
     * seq where {@code bare} allows it (the run is named by the URL). Anything else starts from the start.
     */
    static long resumeAfter(Run run, String lastEventId, boolean bare) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        String id = lastEventId.strip();
        int colon = id.lastIndexOf(':');
        if (colon >= 0) {
            if (!id.substring(0, colon).equals(run.id)) {
                return 0;
            }
            id = id.substring(colon + 1);
        }
        else if (!bare) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(id));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static void streamHeaders(HttpServletResponse response) {
        // The container holds this much (off-heap) for each viewer while a write waits: events are small,
        // and a hall of 10,000 viewers behind a slow network must not hold 10,000 page-sized buffers.
        response.setBufferSize(STREAM_BUFFER_BYTES);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    private void open(HttpServletRequest request, HttpServletResponse response, Supplier<Run> runToStream,
            ToLongFunction<Run> after, boolean realPace, Locale locale, boolean followShared) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            streamHeaders(response); // HEAD: what the stream would be, without one
            return;
        }
        String client = String.valueOf(request.getRemoteAddr());
        if (!claim(client)) {
            refuse(response);
            return;
        }
        boolean handedOver = false;
        try {
            Run run = runToStream.get();
            StreamSockets.limitSendBuffer(request, (int) bounds.sendBuffer().toBytes());
            streamHeaders(response);
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(properties.sseTimeout().toMillis());
            Viewer viewer = new Viewer(run, async, response.getOutputStream(), after.applyAsLong(run), realPace, locale,
                    followShared, client);
            async.addListener(viewer);
            handedOver = true;
            runner.viewerJoined(run);
            viewers.add(viewer);
            run.subscribe(viewer.wakeUp);
            // From here on the container calls onWritePossible when the connection can take bytes.
            response.getOutputStream().setWriteListener(viewer);
        }
        finally {
            if (!handedOver) {
                unclaim(client);
            }
        }
    }

    private boolean claim(String client) {
        AtomicInteger open = perClient.computeIfAbsent(client, k -> new AtomicInteger());
        if (open.incrementAndGet() > bounds.maxPerClient()) {
            unclaim(client);
            return false;
        }
        return true;
    }

    private void unclaim(String client) {
        perClient.computeIfPresent(client, (k, open) -> open.decrementAndGet() <= 0 ? null : open);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        long seconds = Math.max(1, bounds.retryAfter().toSeconds());
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Too Many Requests");
        problem.put("status", 429);
        problem.put("detail", "this client already holds " + bounds.maxPerClient() + " open event streams");
        problem.put("retryAfterSeconds", seconds);
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** Viewers with an open stream (for tests and diagnostics). */
    int viewerCount() {
        return viewers.size();
    }

    /** Runs whose events are held as bytes (for tests and diagnostics). */
    int framedRuns() {
        return frames.size();
    }

    /**
     * Wakes every viewer that has sent nothing for a heartbeat, so its drain sends a comment; disconnects
     * a viewer whose connection has taken nothing for the stall timeout while events wait for it.
     */
    private void sweep() {
        long now = System.nanoTime();
        for (Viewer viewer : viewers) {
            long stalled = viewer.stalledSince;
            if (stalled != 0 && now - stalled >= stallNanos) {
                viewer.disconnect("its connection took nothing for " + bounds.stallTimeout().toSeconds() + " s");
            }
            else if (now - viewer.lastSent >= heartbeatNanos) {
                viewer.heartbeatDue = true;
                viewer.wake();
            }
        }
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        senders.shutdownNow();
        List.copyOf(viewers).forEach(viewer -> viewer.disconnect("the server is stopping"));
    }

    /** A run's events as the bytes every viewer is sent: each made once, on first use. */
    private final class Frames {

        final Run run;

        final byte[] runEvent;

        final Map<Long, byte[]> events = new ConcurrentHashMap<>();

        final Map<String, byte[]> statuses = new ConcurrentHashMap<>();

        final AtomicInteger viewing = new AtomicInteger();

        Frames(Run run) {
            this.run = run;
            this.runEvent = frame(null, "run", runJson(run));
        }

        byte[] of(RunEvent event, Locale locale) {
            if ("status".equals(event.type())) {
                return statuses.computeIfAbsent(event.seq() + "/" + locale.toLanguageTag(),
                        k -> frame(eventId(run, event.seq()), "status", statusHtml(run, event, locale)));
            }
            return events.computeIfAbsent(event.seq(), k -> frame(eventId(run, event.seq()), sseName(event.type()),
                    event.json()));
        }

        byte[] end() {
            return frame(null, "end", run.outcome().key());
        }
    }

    /** The run's frames, counting one more viewer (atomically per run, so a frames object is never lost). */
    private Frames framesOf(Run run) {
        return frames.compute(run.id, (id, existing) -> {
            Frames f = existing != null ? existing : new Frames(run);
            f.viewing.incrementAndGet();
            return f;
        });
    }

    private void leave(Frames f) {
        frames.compute(f.run.id, (id, current) -> {
            int left = f.viewing.decrementAndGet();
            return current == f && left == 0 ? null : current;
        });
    }

    /** One SSE event as bytes: {@code id}, {@code event} and one {@code data} line per line of the text. */
    static byte[] frame(String id, String name, String data) {
        StringBuilder out = new StringBuilder(data.length() + 64);
        if (id != null) {
            out.append("id:").append(id).append('\n');
        }
        out.append("event:").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data:").append(line).append('\n');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One open event stream: its cursor, and the drain that writes it what it has not had yet. */
    private final class Viewer implements WriteListener, AsyncListener {

        /** The run being sent; changes only when a viewer following a shared demo moves to its new run. */
        volatile Run run;

        volatile Frames runFrames;

        final AsyncContext async;

        final ServletOutputStream out;

        final String client;

        final boolean followShared;

        final boolean realPace;

        final Locale locale;

        final AtomicBoolean open = new AtomicBoolean(true);

        /** Wake-ups not yet handled; the drain runs (or is queued) exactly while it is above zero. */
        final AtomicInteger pending = new AtomicInteger();

        final Runnable wakeUp = this::wake;

        volatile long lastSent = System.nanoTime();

        /** When the connection stopped taking bytes while some waited; 0 while it takes them. */
        volatile long stalledSince;

        /** The run's event count when the stall began. */
        long stalledAt;

        volatile boolean heartbeatDue;

        volatile ScheduledFuture<?> paceTimer;

        // Only the drain touches these, and drains of one viewer never overlap.
        long cursor;

        boolean started;

        boolean unflushed;

        long paceStart;

        long firstT = -1;

        Viewer(Run run, AsyncContext async, ServletOutputStream out, long after, boolean realPace, Locale locale,
                boolean followShared, String client) {
            this.run = run;
            this.runFrames = framesOf(run);
            this.async = async;
            this.out = out;
            this.followShared = followShared;
            this.cursor = after;
            this.realPace = realPace;
            this.locale = locale;
            this.client = client;
        }

        @Override
        public void onWritePossible() {
            wake();
        }

        @Override
        public void onError(Throwable error) {
            log.debug("Viewer of run {} gone: {}", run.id, error.getMessage());
            disconnect(null); // a failed write leaves the response open until it is completed
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            disconnect("its stream reached the time limit");
        }

        @Override
        public void onError(AsyncEvent event) {
            disconnect(null);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /** Never blocks: called from the thread that appends to the run. */
        void wake() {
            if (open.get() && pending.getAndIncrement() == 0) {
                submit();
            }
        }

        private void submit() {
            try {
                senders.execute(this::drain);
            }
            catch (RejectedExecutionException ex) {
                disconnect("the server is stopping");
            }
        }

        private void drain() {
            int missed = 1;
            while (true) {
                boolean more;
                try {
                    more = sendDue();
                }
                catch (Exception ex) {
                    log.debug("Viewer of run {} gone: {}", run.id, ex.getMessage());
                    disconnect(null);
                    return;
                }
                if (more) {
                    submit(); // a long backlog: let other viewers have the sender, then go on
                    return;
                }
                missed = pending.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /**
         * Writes what is due while the connection takes it; true when more is ready but this drain has had
         * its share. When the connection stops taking bytes it returns at once: the container calls
         * {@link #onWritePossible} when it can take more, and the next drain goes on from the cursor.
         */
        private boolean sendDue() throws IOException {
            if (!open.get()) {
                return false;
            }
            if (!out.isReady()) {
                stalled();
                return false;
            }
            Run run = this.run;
            if (!started) {
                started = true;
                paceStart = System.nanoTime();
                write(runFrames.runEvent);
            }
            if (heartbeatDue) {
                heartbeatDue = false;
                if (System.nanoTime() - lastSent >= heartbeatNanos) {
                    write(HEARTBEAT);
                }
            }
            int sent = 0;
            while (sent < BATCH && open.get()) {
                List<RunEvent> events = run.after(cursor, BATCH - sent);
                if (events.isEmpty()) {
                    break;
                }
                for (RunEvent event : events) {
                    if (!out.isReady()) {
                        stalled();
                        return false;
                    }
                    if (realPace && !dueNow(event)) {
                        return flushed();
                    }
                    write(runFrames.of(event, locale));
                    cursor = event.seq();
                    sent++;
                }
            }
            if (sent >= BATCH) {
                flushed();
                return true;
            }
            if (open.get() && run.outcome().isFinal() && run.eventCount() <= cursor) {
                Run next = followShared ? runner.currentShared(run.manifest.id()).filter(r -> r != run).orElse(null)
                        : null;
                if (next != null && moveTo(run, next)) {
                    flushed();
                    return true; // the next drain starts with the new run's "run" event
                }
                if (out.isReady()) {
                    write(runFrames.end());
                    flushed();
                    disconnect(null);
                }
                else {
                    stalled();
                }
                return false;
            }
            return flushed();
        }

        /** Flushes what was written, if the connection can take it now; false (nothing more to do here). */
        private boolean flushed() throws IOException {
            if (unflushed && out.isReady()) {
                out.flush();
                unflushed = false;
                lastSent = System.nanoTime();
            }
            if (!unflushed && out.isReady()) {
                stalledSince = 0;
            }
            else {
                stalled();
            }
            return false;
        }

        /**
         * The connection took nothing: once the run has added more than the backlog bound since then, the
         * viewer is let go, to resume by itself (the stall timeout, checked by the sweep, lets go of it too).
         * A viewer replaying a long backlog is far behind by design: only a stall counts.
         */
        private void stalled() {
            if (stalledSince == 0) {
                stalledAt = run.eventCount();
                stalledSince = System.nanoTime();
            }
            else if (run.eventCount() - stalledAt > bounds.maxBacklog()) {
                disconnect("its connection took nothing while the run added " + bounds.maxBacklog() + " events");
            }
        }

        private void write(byte[] frame) throws IOException {
            out.write(frame);
            unflushed = true;
            lastSent = System.nanoTime();
        }

        /** At the real pace: whether the event is due; if not, a timer wakes this viewer when it is. */
        private boolean dueNow(RunEvent event) {
            firstT = firstT < 0 ? event.t() : firstT;
            long wait = (event.t() - firstT) - (System.nanoTime() - paceStart) / 1_000_000;
            if (wait <= 0) {
                return true;
            }
            ScheduledFuture<?> timer = paceTimer;
            if (timer == null || timer.isDone()) {
                try {
                    paceTimer = timers.schedule(wakeUp, wait, TimeUnit.MILLISECONDS);
                }
                catch (RejectedExecutionException ex) {
                    disconnect("the server is stopping");
                }
            }
            return false;
        }

        /** Moves this viewer from a replaced shared run to the one that replaced it; false once released. */
        private boolean moveTo(Run from, Run next) {
            synchronized (this) {
                if (!open.get()) {
                    return false;
                }
                from.unsubscribe(wakeUp);
                runner.viewerLeft(from);
                runner.viewerJoined(next);
                Frames left = runFrames;
                runFrames = framesOf(next);
                leave(left);
                run = next;
                cursor = 0;
                started = false;
                firstT = -1;
                next.subscribe(wakeUp);
            }
            return true;
        }

        /**
         * Ends the stream (the browser's EventSource reconnects by itself with the last id it got) and
         * releases the viewer; {@code why} is logged when it is not the stream's ordinary end.
         */
        void disconnect(String why) {
            if (why != null && open.get()) {
                log.debug("Disconnecting a viewer of run {}: {}", run.id, why);
            }
            release();
            try {
                async.complete();
            }
            catch (RuntimeException ex) {
                // already completed, or the connection is gone
            }
        }

        void release() {
            if (open.compareAndSet(true, false)) {
                Run left;
                Frames leftFrames;
                synchronized (this) {
                    left = run;
                    leftFrames = runFrames;
                    left.unsubscribe(wakeUp);
                }
                viewers.remove(this);
                ScheduledFuture<?> timer = paceTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
                leave(leftFrames);
                unclaim(client);
                runner.viewerLeft(left);
            }
        }
    }

    /** The SSE event name: a program's "error" would collide with EventSource's own error event. */
    static String sseName(String type) {
        return "error".equals(type) ? "program-error" : type;
    }

    private String runJson(Run run) {
        var node = json.createObjectNode();
        node.put("id", run.id).put("demo", run.manifest.id()).put("url", "/runs/" + run.id)
            .put("startedAt", run.startedAt.toEpochMilli());
        return json.writeValueAsString(node);
    }

    /** The status line for this event, rendered from a template in the viewer's language. */
    String statusHtml(Run run, RunEvent event, Locale locale) {
        JsonNode status = json.readTree(event.json());
        Context context = new Context(locale);
        context.setVariable("runId", run.id);
        context.setVariable("state", status.get("state").asString());
        context.setVariable("reason", status.has("reason") ? RunReason.words(status.get("reason").asString()) : null);
        // from the event's state, not the run's: the final status goes out just before the run counts as ended
        context.setVariable("stepsMet", "finished".equals(status.get("state").asString())
                ? run.manifest.stepsMetBy(run.summary()) : List.of());
        context.setVariable("startedAt", run.startedAt.toEpochMilli());
        return templates.process(STATUS_TEMPLATE, Set.of("status"), context).replace('\n', ' ').replace('\r', ' ');
    }
}
