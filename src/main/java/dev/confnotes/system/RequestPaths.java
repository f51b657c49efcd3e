package dev.confnotes.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is dispatched by: decoded, normalised and without {@code ;parameters}, as
 * Spring MVC matches it. Filters that decide by path use this, never the raw request URI, so
 * {@code /search;x} or {@code /demos/gc/%72uns} cannot slip past them to the same handler.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    public static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }
}
