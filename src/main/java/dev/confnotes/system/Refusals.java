package dev.confnotes.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/** How the filters turn a request away: JSON under {@code /api/}, a line of text elsewhere. */
final class Refusals {

    private Refusals() {
    }

    /**
     * @param message the JSON answer's message
     * @param extraJson further JSON members, each starting with a comma ({@code ""} for none)
     * @param text the plain-text answer
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message,
            String extraJson, String text) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        if (RequestPaths.of(request).startsWith("/api/")) {
            response.setContentType("application/json");
            response.getWriter()
                .write("{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase() + "\",\"message\":\""
                        + message + "\"" + extraJson + "}");
        }
        else {
            response.setContentType("text/plain");
            response.getWriter().write(text);
        }
    }
}
