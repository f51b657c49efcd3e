package dev.confnotes.system;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/**
 * Every error of the JSON API in one shape: RFC 9457 problem details ({@code application/problem+json}, with
 * {@code title}, {@code status}, {@code detail}, {@code instance} (no {@code type}: about:blank) and, where
 * they help, members such as {@code field}, {@code min}, {@code max} or {@code retryAfterSeconds}). Spring's own errors (a missing
 * parameter, a body that is no JSON, a wrong method) and every {@code ResponseStatusException} (404s, the
 * search's 503 with its {@code Retry-After}) are answered here; a module's own refusals come from its own advice
 * in the same shape ({@link #of}), and the filters' from {@link Refusals}. Pages keep their HTML error pages:
 * only {@code @RestController}s are advised.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** A problem of this status, with the request's path as its instance. */
    public static ProblemDetail of(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(RequestPaths.of(request)));
        return problem;
    }

    /** A body that does not parse: say so, and where (Jackson's line and column), not just "failed to read". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String where = ex.getMostSpecificCause() instanceof JacksonException json && json.getLocation() != null
                ? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() : "";
        String detail = ex.getMostSpecificCause() instanceof JacksonException
                ? "the body is not valid JSON" + where + ": " + json(ex) : "the body cannot be read";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(RequestPaths.of(servlet.getRequest())));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Jackson's own words for what is wrong, without the source excerpt it appends. */
    private static String json(HttpMessageNotReadableException ex) {
        JacksonException cause = (JacksonException) ex.getMostSpecificCause();
        String message = cause.getOriginalMessage();
        return message == null ? "malformed" : message.lines().findFirst().orElse("malformed");
    }

    /** Anything else a JSON endpoint throws: a 500 that says no more than that, logged here. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), RequestPaths.of(request), ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(of(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to answer this request", request));
    }
}
