package dev.confnotes.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Paths the site does not have are 404 even where the servlet stack would find a handler: a path with
 * matrix parameters ({@code /talks/go-testing;jsessionid=1} is not the talk's address), and {@code /error},
 * which only error dispatches may reach (asked for directly it answered a status of 999).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PathGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri.indexOf(';') >= 0 || "/error".equals(RequestPaths.of(request))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
