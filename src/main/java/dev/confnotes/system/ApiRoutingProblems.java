package dev.confnotes.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests under {@code /api} that reach no endpoint at all, in the API's problem shape ({@link ApiProblems}):
 * a path no endpoint has (404), a method the path does not take (405, with {@code Allow}), a body of a type it
 * does not read (415, with {@code Accept}). No handler is known yet when these happen, so this advice applies
 * to every handler and hands anything outside {@code /api} back (rethrown) to the HTML error pages.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiRoutingProblems {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException ex, HttpServletRequest request)
            throws NoResourceFoundException {
        if (!api(request)) {
            throw ex;
        }
        return problem(HttpStatus.NOT_FOUND, "there is no such API resource", request, new HttpHeaders());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException ex, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        if (!api(request)) {
            throw ex;
        }
        HttpHeaders headers = new HttpHeaders();
        if (ex.getSupportedHttpMethods() != null) {
            headers.setAllow(ex.getSupportedHttpMethods());
        }
        return problem(HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not a method of this resource",
                request, headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        if (!api(request)) {
            throw ex;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(ex.getSupportedMediaTypes());
        String supported = String.join(", ", ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be " + supported
                + (ex.getContentType() == null ? "" : ", not " + ex.getContentType()), request, headers);
    }

    private static boolean api(HttpServletRequest request) {
        return RequestPaths.of(request).startsWith("/api/");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request,
            HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiProblems.of(status, detail, request));
    }
}
