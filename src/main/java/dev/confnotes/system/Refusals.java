package dev.confnotes.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the filters turn a request away: under {@code /api/} as RFC 9457 problem details, the shape of every API
 * error ({@link ApiProblems}); a line of text elsewhere.
 */
final class Refusals {

    private Refusals() {
    }

    /**
     * @param message the problem's detail
     * @param extra further members of the problem ({@code retryAfterSeconds}); empty for none
     * @param text the plain-text answer
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message,
            Map<String, Object> extra, String text) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        if (RequestPaths.of(request).startsWith("/api/")) {
            Map<String, Object> problem = new LinkedHashMap<>();
            // no type: RFC 9457 reads that as about:blank, and Spring's problems leave it out alike
            problem.put("title", status.getReasonPhrase());
            problem.put("status", status.value());
            problem.put("detail", message);
            problem.put("instance", RequestPaths.of(request));
            problem.putAll(extra);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
        }
        else {
            response.setContentType("text/plain");
            response.getWriter().write(text);
        }
    }
}
