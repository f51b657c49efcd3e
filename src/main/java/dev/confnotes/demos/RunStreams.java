package dev.confnotes.demos;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a run to one viewer as Server-Sent Events. Each viewer gets its own virtual thread that
 * sends the events after the last one it sent (the run's backlog first, then live), so a late joiner
 * sees the run from its start and {@code Last-Event-ID} resumes where a dropped connection stopped.
 * Program events go out as JSON for the panel's script; status changes as HTML rendered from the
 * {@code demos/status} template for htmx to swap in. A comment is sent when nothing happened for a
 * heartbeat, which also finds viewers who left; every ending (completion, timeout, error) releases
 * the viewer at once.
 */
@Component
class RunStreams {

    private static final Logger log = LoggerFactory.getLogger(RunStreams.class);

    static final String STATUS_TEMPLATE = "demos/status";

    private final DemosProperties properties;

    private final DemoRunner runner;

    private final ITemplateEngine templates;

    private final JsonMapper json;

    RunStreams(DemosProperties properties, DemoRunner runner, ITemplateEngine templates, JsonMapper json) {
        this.properties = properties;
        this.runner = runner;
        this.templates = templates;
        this.json = json;
    }

    SseEmitter stream(Run run, long after, boolean realPace, Locale locale) {
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        runner.viewerJoined(run);
        Thread sender = Thread.ofVirtual().unstarted(() -> send(run, emitter, after, realPace, locale, open));
        Runnable release = () -> {
            if (open.compareAndSet(true, false)) {
                runner.viewerLeft(run);
                sender.interrupt();
            }
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(ex -> release.run());
        sender.start();
        return emitter;
    }

    private void send(Run run, SseEmitter emitter, long after, boolean realPace, Locale locale, AtomicBoolean open) {
        long cursor = after;
        long paceStart = System.nanoTime();
        long firstT = -1;
        try {
            emitter.send(SseEmitter.event().name("run").data(runJson(run)));
            while (open.get()) {
                List<RunEvent> events = run.after(cursor, properties.heartbeat().toMillis());
                if (events.isEmpty()) {
                    if (run.outcome().isFinal() && run.eventCount() <= cursor) {
                        emitter.send(SseEmitter.event().name("end").data(run.outcome().key()));
                        emitter.complete();
                        return;
                    }
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                for (RunEvent event : events) {
                    if (realPace) {
                        firstT = firstT < 0 ? event.t() : firstT;
                        long wait = (event.t() - firstT) - (System.nanoTime() - paceStart) / 1_000_000;
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                    }
                    emitter.send(SseEmitter.event()
                        .id(Long.toString(event.seq()))
                        .name(sseName(event.type()))
                        .data("status".equals(event.type()) ? statusHtml(run, event, locale) : event.json()));
                    cursor = event.seq();
                }
            }
        }
        catch (InterruptedException ex) {
            // the viewer left
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Viewer of run {} gone: {}", run.id, ex.getMessage());
            emitter.completeWithError(ex);
        }
        finally {
            if (open.compareAndSet(true, false)) {
                runner.viewerLeft(run);
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
        return templates.process(STATUS_TEMPLATE, java.util.Set.of("status"), context).replace('\n', ' ').replace('\r', ' ');
    }
}
