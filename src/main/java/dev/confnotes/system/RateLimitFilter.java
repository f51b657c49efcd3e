package dev.confnotes.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a client that searches, starts runs or sends commands to runs
 * faster than {@link RateLimitProperties} allows. Clients are told apart by their address (behind a proxy, set
 * {@code server.forward-headers-strategy=native} so that is the real client's).
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Pattern RUN_STARTS = Pattern.compile("/(api/)?demos/[^/]+/(runs|compare)");

    private static final Pattern COMMANDS = Pattern.compile("/api/runs/[^/]+/commands");

    private final RateLimitProperties properties;

    private final RateLimiter search;

    private final RateLimiter runs;

    private final RateLimiter commands;

    RateLimitFilter(RateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.search = new RateLimiter(properties.search(), properties.maxClients(), clock);
        this.runs = new RateLimiter(properties.runs(), properties.maxClients(), clock);
        this.commands = new RateLimiter(properties.commands(), properties.maxClients(), clock);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || limiterFor(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = limiterFor(request).acquire(request.getRemoteAddr());
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        Refusals.refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "Slow down: try again in " + seconds + " s",
                Map.of("retryAfterSeconds", seconds), "Too many requests. 잠시 후 다시 시도해 주세요 (" + seconds + " s).");
    }

    private RateLimiter limiterFor(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        if ("GET".equals(request.getMethod()) && ("/search".equals(path) || "/api/search".equals(path))) {
            return search;
        }
        if ("POST".equals(request.getMethod()) && RUN_STARTS.matcher(path).matches()) {
            return runs;
        }
        if ("POST".equals(request.getMethod()) && COMMANDS.matcher(path).matches()) {
            return commands;
        }
        return null;
    }
}
