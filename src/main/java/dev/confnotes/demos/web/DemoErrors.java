package dev.confnotes.demos.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.confnotes.demos.manifest.FieldError;
import dev.confnotes.demos.manifest.ParamValidator;
import dev.confnotes.demos.runner.RetryLaterException;
import dev.confnotes.system.ApiProblems;

/**
 * The demo API's own refusals, in the API's one shape (RFC 9457 problem details, {@link ApiProblems}): 400
 * naming the field and its limits ({@code field}, {@code min}, {@code max}, {@code choices}, and every problem in
 * {@code errors}), 429 with {@code Retry-After} (and {@code retryAfterSeconds}), 409 for a command the run can no
 * longer take. Unknown ids are 404s from {@link ApiProblems}.
 */
@RestControllerAdvice(assignableTypes = DemoApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoErrors {

    @ExceptionHandler(ParamValidator.InvalidParamsException.class)
    ResponseEntity<ProblemDetail> badParams(ParamValidator.InvalidParamsException ex, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(invalid(ex.errors(), request));
    }

    static ProblemDetail invalid(List<FieldError> errors, HttpServletRequest request) {
        FieldError first = errors.getFirst();
        ProblemDetail problem = ApiProblems.of(HttpStatus.BAD_REQUEST, first.field() + " " + first.message(), request);
        problem.setTitle("Invalid parameters");
        problem.setProperty("field", first.field());
        problem.setProperty("min", first.min());
        problem.setProperty("max", first.max());
        if (first.choices() != null) {
            problem.setProperty("choices", first.choices());
        }
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Too many runs at once, or too many commands waiting for a program: each says which. */
    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException ex, HttpServletRequest request) {
        ProblemDetail problem = ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage(), request);
        problem.setProperty("retryAfterSeconds", ex.retryAfterSeconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds))
            .body(problem);
    }

    /** A command for a run that has ended, or a demo that takes none: 409. */
    @ExceptionHandler(DemoApiController.CommandRefusedException.class)
    ResponseEntity<ProblemDetail> refused(DemoApiController.CommandRefusedException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblems.of(HttpStatus.CONFLICT, ex.getMessage(), request));
    }
}
