package dev.confnotes.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A path under {@code /api} that no endpoint has: a 404 in the API's problem shape ({@link ApiProblems}) rather
 * than the HTML error page or the servlet container's own answer. Every real endpoint's mapping is more specific.
 */
@RestController
class ApiFallbackController {

    @RequestMapping("/api/**")
    void none() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such API resource");
    }
}
