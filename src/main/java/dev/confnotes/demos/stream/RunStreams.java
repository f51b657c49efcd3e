package dev.confnotes.demos.stream;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.demos.runner.RunEvent;

/**
 * Streams a run to its viewers as Server-Sent Events. A viewer is not a thread: it is a cursor (the
 * last event it was sent) and a drain task. When the run appends an event or changes state it wakes
 * every subscribed viewer, and a small fixed pool of platform threads ({@code sse-sender-N}) drains
 * each woken viewer: it sends the events after the viewer's cursor (the run's backlog first, then
 * live), so a late joiner sees the run from its start and {@code Last-Event-ID} resumes where a
 * dropped connection stopped. One viewer's sends are serialized (at most one drain of it runs or is
 * queued at a time), different viewers are drained in parallel, and a long backlog is sent in batches
 * so one replay cannot hold a sender for long. One timer thread ({@code sse-timers}) sweeps for idle
 * viewers and wakes them to send a heartbeat comment (which also finds viewers who left), and wakes
 * a viewer replaying at the real pace when its next event is due. Every ending (completion, timeout,
 * error) releases the viewer at once.
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

    private final DemosProperties properties;

    private final DemoRunner runner;

    private final ITemplateEngine templates;

    private final JsonMapper json;

    private final ExecutorService senders;

    private final ScheduledExecutorService timers;

    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();

    private final long heartbeatNanos;

    RunStreams(DemosProperties properties, DemoRunner runner, ITemplateEngine templates, JsonMapper json) {
        this.properties = properties;
        this.runner = runner;
        this.templates = templates;
        this.json = json;
        this.heartbeatNanos = properties.heartbeat().toNanos();
        this.senders = Executors.newFixedThreadPool(Math.max(1, properties.sseSenderThreads()),
                Thread.ofPlatform().daemon().name("sse-sender-", 1).factory());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sse-timers").factory());
        long sweepMillis = Math.clamp(properties.heartbeat().toMillis() / 4, 50, 1000);
        timers.scheduleWithFixedDelay(this::heartbeats, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** The events of one run ({@code /runs/{id}/events}, also under {@code /api}). */
    public SseEmitter events(Run run, String lastEventId, String pace, Locale locale) {
        return stream(run, resumeAfter(run, lastEventId, true), "real".equals(pace), locale, false);
    }

    /**
     * The live stream of a shared demo: joins its shared run (started with the defaults when none is
     * going) and follows the demo when that run is replaced. A bare {@code Last-Event-ID} (no run id)
     * cannot say which run it meant, so it is ignored here.
     */
    public SseEmitter live(DemoManifest manifest, String lastEventId, Locale locale) {
        Run run = runner.shared(manifest);
        return stream(run, resumeAfter(run, lastEventId, false), false, locale, true);
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

    private SseEmitter stream(Run run, long after, boolean realPace, Locale locale, boolean followShared) {
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        Viewer viewer = new Viewer(run, emitter, after, realPace, locale, followShared);
        runner.viewerJoined(run);
        emitter.onCompletion(viewer::release);
        emitter.onTimeout(viewer::release);
        emitter.onError(ex -> viewer.release());
        viewers.add(viewer);
        run.subscribe(viewer.wakeUp);
        viewer.wake();
        return emitter;
    }

    /** Viewers with an open stream (for tests and diagnostics). */
    int viewerCount() {
        return viewers.size();
    }

    /** Wakes every viewer that has sent nothing for a heartbeat, so its drain sends a comment. */
    private void heartbeats() {
        long now = System.nanoTime();
        for (Viewer viewer : viewers) {
            if (now - viewer.lastSent >= heartbeatNanos) {
                viewer.heartbeatDue = true;
                viewer.wake();
            }
        }
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        senders.shutdownNow();
        List.copyOf(viewers).forEach(Viewer::release);
    }

    /** One open event stream: its cursor, and the drain that sends it what it has not had yet. */
    private final class Viewer {

        /** The run being sent; changes only when a viewer following a shared demo moves to its new run. */
        volatile Run run;

        final SseEmitter emitter;

        final boolean followShared;

        final boolean realPace;

        final Locale locale;

        final AtomicBoolean open = new AtomicBoolean(true);

        /** Wake-ups not yet handled; the drain runs (or is queued) exactly while it is above zero. */
        final AtomicInteger pending = new AtomicInteger();

        final Runnable wakeUp = this::wake;

        volatile long lastSent = System.nanoTime();

        volatile boolean heartbeatDue;

        volatile ScheduledFuture<?> paceTimer;

        // Only the drain touches these, and drains of one viewer never overlap.
        long cursor;

        boolean started;

        long paceStart;

        long firstT = -1;

        Viewer(Run run, SseEmitter emitter, long after, boolean realPace, Locale locale, boolean followShared) {
            this.run = run;
            this.followShared = followShared;
            this.emitter = emitter;
            this.cursor = after;
            this.realPace = realPace;
            this.locale = locale;
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
                release(); // shutting down
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
                    release();
                    try {
                        emitter.completeWithError(ex);
                    }
                    catch (RuntimeException ignored) {
                        // already completed
                    }
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

        /** Sends what is due; true when more is ready but this drain has had its share. */
        private boolean sendDue() throws Exception {
            if (!open.get()) {
                return false;
            }
            Run run = this.run;
            if (!started) {
                started = true;
                paceStart = System.nanoTime();
                send(SseEmitter.event().name("run").data(runJson(run)));
            }
            if (heartbeatDue) {
                heartbeatDue = false;
                if (System.nanoTime() - lastSent >= heartbeatNanos) {
                    send(SseEmitter.event().comment("heartbeat"));
                }
            }
            int sent = 0;
            while (sent < BATCH && open.get()) {
                List<RunEvent> events = run.after(cursor, BATCH - sent);
                if (events.isEmpty()) {
                    break;
                }
                for (RunEvent event : events) {
                    if (realPace && !dueNow(event)) {
                        return false;
                    }
                    send(SseEmitter.event()
                        .id(eventId(run, event.seq()))
                        .name(sseName(event.type()))
                        .data("status".equals(event.type()) ? statusHtml(run, event, locale) : event.json()));
                    cursor = event.seq();
                    sent++;
                }
            }
            if (sent >= BATCH) {
                return true;
            }
            if (open.get() && run.outcome().isFinal() && run.eventCount() <= cursor) {
                Run next = followShared ? runner.currentShared(run.manifest.id()).filter(r -> r != run).orElse(null)
                        : null;
                if (next != null && moveTo(run, next)) {
                    return true; // the next drain starts with the new run's "run" event
                }
                send(SseEmitter.event().name("end").data(run.outcome().key()));
                release();
                emitter.complete();
            }
            return false;
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
                    release();
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
                run = next;
                cursor = 0;
                started = false;
                firstT = -1;
                next.subscribe(wakeUp);
            }
            return true;
        }

        private void send(SseEmitter.SseEventBuilder event) throws IOException {
            emitter.send(event);
            lastSent = System.nanoTime();
        }

        void release() {
            if (open.compareAndSet(true, false)) {
                Run left;
                synchronized (this) {
                    left = run;
                    left.unsubscribe(wakeUp);
                }
                viewers.remove(this);
                ScheduledFuture<?> timer = paceTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
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
        context.setVariable("reason", status.has("reason") ? status.get("reason").asString() : null);
        context.setVariable("startedAt", run.startedAt.toEpochMilli());
        return templates.process(STATUS_TEMPLATE, Set.of("status"), context).replace('\n', ' ').replace('\r', ' ');
    }
}
