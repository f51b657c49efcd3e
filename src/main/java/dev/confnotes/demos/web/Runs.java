package dev.confnotes.demos.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.Run;

/** The look-ups every demo controller needs, in one place: unknown ids are a 404, never a 500. */
@Component
class Runs {

    private final DemoCatalog catalog;

    private final DemoRunner runner;

    Runs(DemoCatalog catalog, DemoRunner runner) {
        this.catalog = catalog;
        this.runner = runner;
    }

    DemoManifest demo(String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("demo"));
    }

    Run run(String id) {
        return runner.find(id).orElseThrow(() -> new NotFoundException("run"));
    }

    static Map<String, String> formValues(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> {
            if (!name.startsWith("_") && !List.of("lang").contains(name) && !list.isEmpty()) {
                values.put(name, list.getLast());
            }
        });
        return values;
    }

    static final class NotFoundException extends ResponseStatusException {

        NotFoundException(String what) {
            super(HttpStatus.NOT_FOUND, "No such " + what);
        }
    }
}
