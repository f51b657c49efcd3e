package dev.confnotes.talks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.confnotes.system.RequestPaths;
import dev.confnotes.talks.KeptPages.Key;
import dev.confnotes.talks.KeptPages.Page;

/**
 * Serves the catalog's pages (HTML and JSON) with an ETag and a Last-Modified, answering 304 when
 * the browser's copy is current, and keeps each rendered page per path and language until the
 * catalog changes ({@link Catalog#version()}), so a page is rendered once per edit, not once per
 * request.
 *
 * <p>It buffers whole responses, so it is registered only on the catalog's own URL patterns
 * ({@link TalkWebConfiguration}), never on streaming endpoints; a {@code text/event-stream} or
 * async response passes through untouched anyway. Only a plain {@code GET} without a query string
 * and with status 200 is kept: {@code ?lang=} sets a cookie and must reach the interceptor, and
 * errors are rendered fresh each time.
 */
class PageCacheFilter extends OncePerRequestFilter {

    private static final int MIN_GZIP_BYTES = 1024;

    private final Catalog catalog;

    private final LocaleResolver locales;

    private final PagesProperties properties;

    private final KeptPages kept;

    PageCacheFilter(Catalog catalog, LocaleResolver locales, PagesProperties properties, KeptPages kept) {
        this.catalog = catalog;
        this.locales = locales;
        this.properties = properties;
        this.kept = kept;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // Read the version before rendering: a page rendered while a sync lands is kept under the
        // old version and never served as current.
        long version = catalog.version();
        long lastModified = catalog.lastChanged().toEpochMilli();
        Key key = properties.cache() && request.getQueryString() == null && plainPath(request) ? keyOf(request) : null;
        Page page = key != null ? kept.current(key) : null;
        if (page == null) {
            kept.countMiss();
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            if (wrapper.getStatus() != HttpServletResponse.SC_OK || request.isAsyncStarted()
                    || isEventStream(wrapper.getContentType())) {
                wrapper.copyBodyToResponse();
                return;
            }
            byte[] body = wrapper.getContentAsByteArray();
            // Only a page that is kept is worth compressing ahead; others are left to the server.
            page = new Page(body, key != null ? gzip(body) : null, wrapper.getContentType(), etag(body), version,
                    lastModified);
            if (key != null) {
                kept.keep(key, page);
            }
            // Headers the chain set (content type, language, security) are on the real response
            // already; only the body is still in the wrapper.
            wrapper.resetBuffer();
        }
        else {
            response.setContentType(page.contentType());
            if (page.isHtml()) {
                response.setLocale(key.locale());
            }
        }
        write(page, request, response);
    }

    private void write(Page page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (!response.getHeaders(HttpHeaders.VARY).contains(HttpHeaders.ACCEPT_ENCODING)) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING); // unless the server's compression said it
        }
        if (new ServletWebRequest(request, response).checkNotModified(page.etag(), page.lastModified())) {
            return;
        }
        byte[] body = page.body();
        // The page is compressed once when it is kept, not once per request; with Content-Encoding
        // set, the server's compression leaves the response as it is.
        if (page.gzipped() != null && acceptsGzip(request)) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            body = page.gzipped();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** The body gzipped, or null where compressing does not pay (below server.compression.min-response-size). */
    private static byte[] gzip(byte[] body) {
        if (body.length < MIN_GZIP_BYTES) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * Only a path written plainly is kept: {@code /talks/%2e%2e} or {@code /talks/x;a=1} reach the
     * handler as written but normalise to another path, so they are rendered, never stored or served
     * from the store (nor can their variants crowd out the real pages).
     */
    private static boolean plainPath(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + RequestPaths.of(request));
    }

    private Key keyOf(HttpServletRequest request) {
        return new Key(RequestPaths.of(request), locales.resolveLocale(request), request.getHeader("HX-Request") != null);
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            // Weak: the gzipped and the plain bytes differ, and both answer to this tag.
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }


}
