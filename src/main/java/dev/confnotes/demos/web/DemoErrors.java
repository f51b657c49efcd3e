package dev.confnotes.demos.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.confnotes.demos.manifest.FieldError;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.demos.runner.RetryLaterException;

/** Errors of the demo JSON API, as JSON: 404 for unknown ids, 400 naming the field, 429 with Retry-After. */
@RestControllerAdvice(assignableTypes = DemoApiController.class)
class DemoErrors {

    @ExceptionHandler(Runs.NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(Runs.NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(Map.of("status", 404, "error", "not found", "message", ex.getReason()));
    }

    @ExceptionHandler(ParamValidator.InvalidParamsException.class)
    ResponseEntity<Map<String, Object>> badParams(ParamValidator.InvalidParamsException ex) {
        return ResponseEntity.badRequest().body(body(ex.errors()));
    }

    static Map<String, Object> body(List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", "invalid parameters");
        FieldError first = errors.getFirst();
        body.put("field", first.field());
        body.put("message", first.message());
        body.put("min", first.min());
        body.put("max", first.max());
        body.put("errors", errors);
        return body;
    }

    /** Too many runs at once, or too many commands waiting for a program: each says which. */
    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<Map<String, Object>> retryLater(RetryLaterException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds))
            .body(Map.of("status", 429, "error", ex.getMessage(), "retryAfterSeconds", ex.retryAfterSeconds));
    }
}
