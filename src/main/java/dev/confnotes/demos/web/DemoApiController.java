package dev.confnotes.demos.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.FieldError;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.demos.stream.RunStreams;

/** The demos as JSON: start, inspect, command and cancel runs, and their events as SSE. */
@RestController
@RequestMapping("/api")
class DemoApiController {

    static final int MAX_COMMAND_BYTES = 1024;

    private final Runs runs;

    private final DemoCatalog catalog;

    private final DemoRunner runner;

    private final RunStreams streams;

    private final JsonMapper json;

    DemoApiController(Runs runs, DemoCatalog catalog, DemoRunner runner, RunStreams streams, JsonMapper json) {
        this.runs = runs;
        this.catalog = catalog;
        this.runner = runner;
        this.streams = streams;
        this.json = json;
    }

    record RunView(String id, String demo, Map<String, String> params, String state, String reason,
            Instant startedAt, Instant endedAt, int events, String url, String eventsUrl) {

        static RunView of(Run run) {
            return new RunView(run.id, run.manifest.id(), run.params, run.outcome().key(), run.reason(),
                    run.startedAt, run.endedAt(), run.eventCount(), "/runs/" + run.id,
                    "/api/runs/" + run.id + "/events");
        }
    }

    @GetMapping("/demos")
    List<DemoManifest> demos() {
        return catalog.all();
    }

    @GetMapping("/demos/{id}")
    DemoManifest demo(@PathVariable String id) {
        return runs.demo(id);
    }

    /**
     * Starts a run from a JSON object of parameter values; no body at all starts one with the defaults. A body of
     * any type but JSON or a form is refused (415), never read as defaults.
     */
    @PostMapping(path = "/demos/{id}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RunView> startJson(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        DemoManifest manifest = runs.demo(id);
        Map<String, String> values = new LinkedHashMap<>();
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw new ParamValidator.InvalidParamsException(List.of(new FieldError("body",
                        "must be a JSON object of parameter values", null, null, null)));
            }
            body.properties().forEach(e -> {
                JsonNode v = e.getValue();
                values.put(e.getKey(), v.isValueNode() ? v.asString() : v.toString());
            });
        }
        return created(runner.start(manifest, values));
    }

    @PostMapping(path = "/demos/{id}/runs", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<RunView> startForm(@PathVariable String id, @RequestParam MultiValueMap<String, String> form) {
        DemoManifest manifest = runs.demo(id);
        return created(runner.start(manifest, Runs.formValues(form)));
    }

    private static ResponseEntity<RunView> created(Run run) {
        return ResponseEntity.created(URI.create("/api/runs/" + run.id)).body(RunView.of(run));
    }

    @GetMapping("/runs/{id}")
    RunView run(@PathVariable String id) {
        return RunView.of(runs.run(id));
    }

    @PostMapping("/runs/{id}/cancel")
    ResponseEntity<RunView> cancel(@PathVariable String id) {
        Run run = runs.run(id);
        runner.cancel(run);
        return ResponseEntity.accepted().body(RunView.of(run));
    }

    @PostMapping("/runs/{id}/commands")
    ResponseEntity<Map<String, String>> command(@PathVariable String id, @RequestBody byte[] body) {
        Run run = runs.run(id);
        if (run.manifest.commands().isEmpty()) {
            throw new CommandRefusedException("this demo takes no commands");
        }
        String line = checkCommand(run.manifest, body);
        try {
            runner.send(run, line);
        }
        catch (IllegalStateException ex) {
            throw new CommandRefusedException(ex.getMessage());
        }
        return ResponseEntity.accepted().body(Map.of("sent", line));
    }

    /** A command the run cannot take (it has ended, or its demo takes none): a 409. */
    static final class CommandRefusedException extends RuntimeException {

        CommandRefusedException(String message) {
            super(message);
        }
    }

    /** A command is one JSON object of at most 1 KB whose {@code cmd} the manifest lists. */
    String checkCommand(DemoManifest manifest, byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_COMMAND_BYTES) {
            throw badCommand("must be a JSON object of at most " + MAX_COMMAND_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = json.readTree(new String(body, StandardCharsets.UTF_8));
        }
        catch (JacksonException ex) {
            throw badCommand("is not valid JSON");
        }
        if (node == null || !node.isObject() || node.get("cmd") == null || !node.get("cmd").isString()) {
            throw badCommand("must be a JSON object with a string 'cmd'");
        }
        String cmd = node.get("cmd").asString();
        if (!manifest.hasCommand(cmd)) {
            throw badCommand("'" + cmd + "' is not a command of this demo");
        }
        return json.writeValueAsString(node);
    }

    private static ParamValidator.InvalidParamsException badCommand(String message) {
        return new ParamValidator.InvalidParamsException(
                List.of(new FieldError("command", message, null, null, null)));
    }

    @GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void events(@PathVariable String id, @RequestHeader(name = "Last-Event-ID", required = false) String lastId,
            @RequestParam(defaultValue = "now") String pace, Locale locale, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        streams.events(runs.run(id), lastId, pace, locale, request, response);
    }
}
