package dev.confnotes.demos.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.DemosProperties;
import dev.confnotes.demos.history.DemoRun;
import dev.confnotes.demos.history.DemoRunRepository;
import dev.confnotes.demos.history.RunRecords;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.FieldError;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.demos.stream.RunStreams;

/**
 * The demo pages. One URL, two answers: a form POST from htmx ({@code HX-Request}) gets the panel
 * fragment back, a plain POST is redirected to the run's page, so the panel works without script.
 * Errors follow the same split: invalid values are the panel with its errors (a 400 page without htmx),
 * and too many runs at once is the panel with a "busy, try again in N s" note and {@code Retry-After}
 * (status 200, since htmx swaps no 4xx answer), a 429 page without htmx.
 */
@Controller
class DemoPageController {

    static final String VIEW_DEMO = "demos/demo";

    static final String VIEW_RUN = "demos/run";

    static final String VIEW_HISTORY = "demos/history";

    static final String VIEW_COMPARE = "demos/compare";

    static final String FRAGMENT_PANEL = "demos/panel :: panelBody";

    static final String FRAGMENT_PANEL_EMPTY = "demos/compare :: nothing";

    static final String VIEW_BUSY = "demos/busy";

    static final String VIEW_SOURCE = "demos/source";

    static final String FRAGMENT_SOURCE = "demos/source :: files";

    private final Runs runs;

    private final DemoCatalog catalog;

    private final DemoRunner runner;

    private final RunStreams streams;

    private final DemoRunRepository history;

    private final DemosProperties properties;

    DemoPageController(Runs runs, DemoCatalog catalog, DemoRunner runner, RunStreams streams,
            DemoRunRepository history, DemosProperties properties) {
        this.runs = runs;
        this.catalog = catalog;
        this.runner = runner;
        this.streams = streams;
        this.history = history;
        this.properties = properties;
    }

    @GetMapping("/demos/{id}")
    String demo(@PathVariable String id, Model model) {
        panelModel(model, runs.demo(id), List.of(), null, null);
        return VIEW_DEMO;
    }

    @PostMapping(path = "/demos/{id}/runs", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String start(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        DemoManifest manifest = runs.demo(id);
        Map<String, String> values = Runs.formValues(form);
        response.setHeader(HttpHeaders.VARY, "HX-Request");
        try {
            Run run = runner.start(manifest, values);
            if (htmx == null) {
                return "redirect:/runs/" + run.id;
            }
            panelModel(model, manifest, List.of(run), null, values);
            return FRAGMENT_PANEL;
        }
        catch (ParamValidator.InvalidParamsException ex) {
            return invalid(ex, manifest, values, htmx, model, response);
        }
        catch (DemoRunner.TooManyRunsException ex) {
            return busy(ex, manifest, values, htmx, model, response);
        }
    }

    /**
     * Compare: runs that differ only in the manifest's {@code compare} param, the other values the
     * same. With {@code _with}, two runs (the form's choice and {@code _with}) on the compare page,
     * their charts on one time axis; without it, one run per choice side by side in the panel. Every
     * set of values is checked before anything starts, and if a later run cannot start the ones
     * already started are cancelled: a comparison is all its runs or none.
     */
    @PostMapping(path = "/demos/{id}/compare", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String compare(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "_with", required = false) String with,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        DemoManifest manifest = runs.demo(id);
        DemoManifest.Param param = manifest.compareParam().orElseThrow(() -> new Runs.NotFoundException("comparison"));
        Map<String, String> values = Runs.formValues(form);
        response.setHeader(HttpHeaders.VARY, "HX-Request");
        List<String> choices = with == null ? param.choices()
                : List.of(values.getOrDefault(param.name(), param.defaultValue()), with);
        List<Map<String, String>> sets = new ArrayList<>();
        for (String choice : choices) {
            Map<String, String> these = new LinkedHashMap<>(values);
            these.put(param.name(), choice);
            sets.add(these);
        }
        List<Run> started = new ArrayList<>();
        try {
            for (Map<String, String> these : sets) {
                ParamValidator.validate(manifest, these);
            }
            for (Map<String, String> these : sets) {
                started.add(runner.start(manifest, these));
            }
        }
        catch (ParamValidator.InvalidParamsException ex) {
            started.forEach(runner::cancel);
            return invalid(ex, manifest, values, htmx, model, response);
        }
        catch (DemoRunner.TooManyRunsException ex) {
            started.forEach(runner::cancel);
            return busy(ex, manifest, values, htmx, model, response);
        }
        catch (RuntimeException ex) {
            started.forEach(runner::cancel);
            throw ex;
        }
        if (with != null) {
            String url = "/demos/" + manifest.id() + "/compare?a=" + started.get(0).id + "&b=" + started.get(1).id;
            if (htmx != null) {
                response.setHeader("HX-Redirect", url);
                return FRAGMENT_PANEL_EMPTY;
            }
            return "redirect:" + url;
        }
        if (htmx == null) {
            return "redirect:/runs/" + started.getFirst().id + "?with=" + String.join(",",
                    started.stream().skip(1).map(r -> r.id).toList());
        }
        panelModel(model, manifest, started, null, values);
        return FRAGMENT_PANEL;
    }

    /**
     * The demo's program source. Talk pages link here instead of carrying it (it was most of the GC
     * talk's bytes), and the panel's htmx fetches just the files ({@code HX-Request}) when the reader
     * opens "the code that runs"; without script the link opens this page.
     */
    @GetMapping("/demos/{id}/source")
    String source(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model, HttpServletResponse response) {
        DemoCatalog.DemoView view = catalog.view(id);
        if (view == null) {
            throw new Runs.NotFoundException("demo");
        }
        model.addAttribute("view", view);
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        // Asked again each time, answered 304 while unchanged (the ETag: DemoWebConfiguration).
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        return htmx == null ? VIEW_SOURCE : FRAGMENT_SOURCE;
    }

    /** Two runs of one demo side by side, live or recorded, their charts on one time axis and one hover. */
    @GetMapping("/demos/{id}/compare")
    String comparePage(@PathVariable String id, @RequestParam String a, @RequestParam String b,
            @RequestParam(defaultValue = "now") String pace, Model model) {
        DemoManifest manifest = runs.demo(id);
        Run left = runs.run(a);
        Run right = runs.run(b);
        if (!left.manifest.id().equals(manifest.id()) || !right.manifest.id().equals(manifest.id())) {
            throw new Runs.NotFoundException("run of this demo");
        }
        var view = catalog.view(manifest.id());
        if (view == null) {
            throw new Runs.NotFoundException("demo"); // a run whose demo's folder has gone since it ran
        }
        model.addAttribute("view", view);
        model.addAttribute("a", left);
        model.addAttribute("b", right);
        model.addAttribute("pace", "real".equals(pace) ? "real" : "now");
        model.addAttribute("syncKey", "compare-" + left.id + "-" + right.id);
        model.addAttribute("differs", differs(left.params, right.params));
        return VIEW_COMPARE;
    }

    /** The names of the parameters whose values differ between the two runs. */
    static List<String> differs(Map<String, String> a, Map<String, String> b) {
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        return names.stream().filter(n -> !Objects.equals(a.get(n), b.get(n))).toList();
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable String id, @RequestParam(defaultValue = "now") String pace,
            @RequestParam(name = "with", required = false) List<String> with, Model model) {
        Run run = runs.run(id);
        List<Run> shown = new ArrayList<>(List.of(run));
        if (with != null) {
            with.stream().limit(3).map(runs::run).filter(r -> r.manifest.id().equals(run.manifest.id())).forEach(shown::add);
        }
        panelModel(model, run.manifest, shown, null, run.params);
        model.addAttribute("pace", "real".equals(pace) ? "real" : "now");
        return VIEW_RUN;
    }

    @GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void events(@PathVariable String id, @RequestHeader(name = "Last-Event-ID", required = false) String lastId,
            @RequestParam(defaultValue = "now") String pace, Locale locale, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        streams.events(runs.run(id), lastId, pace, locale, request, response);
    }

    /**
     * A shared demo, live: joins whatever shared run is going (the defaults are started only when none
     * is), follows the demo when that run is replaced, and the run is stopped after the last viewer leaves.
     */
    @GetMapping(path = "/demos/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void live(@PathVariable String id, @RequestHeader(name = "Last-Event-ID", required = false) String lastId,
            Locale locale, HttpServletRequest request, HttpServletResponse response) throws IOException {
        DemoManifest manifest = runs.demo(id);
        if (!manifest.shared()) {
            throw new Runs.NotFoundException("shared demo");
        }
        streams.live(manifest, lastId, locale, request, response);
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable String id) {
        runner.cancel(runs.run(id));
        return "redirect:/runs/" + id;
    }

    @GetMapping("/demos/{id}/runs")
    String history(@PathVariable String id, Model model, Locale locale) {
        DemoManifest manifest = runs.demo(id);
        List<DemoRun> recent = history.findByDemoIdOrderByStartedAtDesc(id, PageRequest.of(0, properties.recentRuns()));
        model.addAttribute("manifest", manifest);
        model.addAttribute("runs", recent.stream()
            .map(r -> new HistoryEntry(r, manifest.shown(RunRecords.params(r), locale)))
            .toList());
        return VIEW_HISTORY;
    }

    /** A past run as the history page lists it: the record, and its parameters as label and value. */
    record HistoryEntry(DemoRun run, List<DemoManifest.ShownParam> params) {
    }

    /** Invalid values: the panel with each field's first error; a 400 page without htmx. */
    private String invalid(ParamValidator.InvalidParamsException ex, DemoManifest manifest, Map<String, String> values,
            String htmx, Model model, HttpServletResponse response) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        ex.errors().forEach(e -> errors.putIfAbsent(e.field(), e));
        panelModel(model, manifest, List.of(), errors, values);
        if (htmx == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW_DEMO;
        }
        return FRAGMENT_PANEL;
    }

    /**
     * Too many runs at once. htmx swaps no 4xx answer (the button would seem to do nothing), so an htmx
     * request gets the panel, status 200, with a visible "busy, try again in N s" note and {@code Retry-After};
     * a plain request gets the 429 page from {@link #tooMany}.
     */
    private String busy(DemoRunner.TooManyRunsException ex, DemoManifest manifest, Map<String, String> values,
            String htmx, Model model, HttpServletResponse response) {
        if (htmx == null) {
            throw ex;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds));
        panelModel(model, manifest, List.of(), null, values);
        model.addAttribute("busy", ex.retryAfterSeconds);
        return FRAGMENT_PANEL;
    }

    private void panelModel(Model model, DemoManifest manifest, List<Run> shown, Map<String, FieldError> errors,
            Map<String, String> values) {
        var view = catalog.view(manifest.id());
        if (view == null) {
            throw new Runs.NotFoundException("demo"); // a run whose demo's folder has gone since it ran
        }
        model.addAttribute("view", view);
        model.addAttribute("run", shown.isEmpty() ? null : shown.getFirst());
        model.addAttribute("runs", shown);
        model.addAttribute("errors", errors == null ? Map.of() : errors);
        model.addAttribute("values", values == null ? Map.of() : values);
        model.addAttribute("pace", "now");
    }

    @ExceptionHandler(DemoRunner.TooManyRunsException.class)
    String tooMany(DemoRunner.TooManyRunsException ex, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds));
        model.addAttribute("retryAfter", ex.retryAfterSeconds);
        return VIEW_BUSY;
    }
}
