package dev.confnotes.system;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A year's caching, marked immutable, for static files requested by their fingerprinted name
 * ({@code confnotes-<md5>.css}, as {@code @{...}} writes them with the content version strategy):
 * a changed file gets a new name, so a browser never needs to ask again. The same file under its
 * plain name is revalidated every time. Only headers are touched; nothing is buffered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ImmutableResourcesFilter extends OncePerRequestFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** What Spring's {@code ContentVersionStrategy} appends: {@code -} and an MD5 in hex before the extension. */
    static final Pattern FINGERPRINTED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || uri.lastIndexOf('.') < uri.lastIndexOf('/') || !FINGERPRINTED.matcher(uri).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        chain.doFilter(request, new ErrorsAreNotCached(response));
    }

    /** A wrong fingerprint is a 404 that must not be kept for a year. */
    private static final class ErrorsAreNotCached extends HttpServletResponseWrapper {

        ErrorsAreNotCached(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            notCachedIfError(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            notCachedIfError(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            notCachedIfError(status);
            super.sendError(status, message);
        }

        private void notCachedIfError(int status) {
            if (status >= 400) {
                setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
    }
}
