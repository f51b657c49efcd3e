package dev.confnotes.system;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that change something (start, cancel or command a run) when a browser says they
 * come from another site, so no page elsewhere can spend this server's demos from a visitor's
 * browser. Browsers send {@code Sec-Fetch-Site} and {@code Origin} on such requests; clients that
 * send neither (curl, scripts) are not browsers acting for someone else and pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request)) {
            Refusals.refuse(request, response, HttpStatus.FORBIDDEN, "cross-site requests may not change anything",
                    Map.of(), "Cross-site requests may not change anything here.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCHES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        try {
            String authority = URI.create(origin).getAuthority();
            return authority == null || host == null || !authority.equalsIgnoreCase(host);
        }
        catch (IllegalArgumentException ex) {
            return true;
        }
    }
}
