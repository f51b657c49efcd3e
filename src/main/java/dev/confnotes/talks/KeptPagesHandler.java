package dev.confnotes.talks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import dev.confnotes.system.SecurityHeaders;
import dev.confnotes.system.SiteLocaleResolver;
import dev.confnotes.talks.KeptPages.Key;
import dev.confnotes.talks.KeptPages.Page;

/**
 * Answers a request for a kept page in the server itself, ahead of the servlet layer and its filters: on a
 * page served from memory those cost more than the answer (docs/benchmarks.md, Pages). It answers only what
 * the app would answer the same way: a plain {@code GET} without a query, a path written as the app
 * dispatches it (no encoding, no {@code ;parameters}), a language the site itself wrote to its cookie, and a
 * page {@link PageCacheFilter} has kept for the catalog's current version, with the same headers and 304s.
 * Anything else goes on to the app.
 */
final class KeptPagesHandler extends Handler.Wrapper {

    private static final List<HttpField> ALWAYS = List.of(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache"),
            new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding"));

    private static final List<HttpField> SECURITY = SecurityHeaders.ALL.entrySet()
        .stream()
        .map(header -> (HttpField) new PreEncodedHttpField(header.getKey(), header.getValue()))
        .toList();

    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private final KeptPages kept;

    KeptPagesHandler(Handler app, KeptPages kept) {
        super(app);
        this.kept = kept;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Key key = keyFor(request);
        Page page = key == null ? null : kept.current(key);
        if (page == null) {
            return super.handle(request, response, callback);
        }
        HttpFields.Mutable headers = response.getHeaders();
        SECURITY.forEach(headers::add);
        ALWAYS.forEach(headers::add);
        headers.put(HttpHeader.ETAG, page.etag());
        headers.put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(page.lastModified()));
        if (notModified(request.getHeaders(), page)) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        headers.put(HttpHeader.CONTENT_TYPE, page.contentType());
        if (page.isHtml()) {
            headers.put(HttpHeader.CONTENT_LANGUAGE, key.locale().getLanguage());
        }
        byte[] body = page.body();
        if (page.gzipped() != null && acceptsGzip(request.getHeaders())) {
            headers.add(GZIP);
            body = page.gzipped();
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The kept page's key this request would have in the app, or null where only the app can tell. */
    private static Key keyFor(Request request) {
        HttpURI uri = request.getHttpURI();
        if (!HttpMethod.GET.is(request.getMethod()) || uri.getQuery() != null || uri.hasViolations()) {
            return null;
        }
        String path = uri.getPath();
        if (path == null || !path.equals(uri.getDecodedPath()) || !path.equals(Request.getPathInContext(request))) {
            return null;
        }
        Locale locale = localeOf(request);
        return locale == null ? null : new Key(path, locale, request.getHeaders().get("HX-Request") != null);
    }

    /** Korean without the cookie; the cookie's language where it is one the site wrote; else null (the app judges). */
    private static Locale localeOf(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (SiteLocaleResolver.COOKIE.equals(cookie.getName())) {
                return SiteLocaleResolver.ofCookieValue(cookie.getValue());
            }
        }
        return Locale.KOREAN;
    }

    /** As Spring's {@code checkNotModified}: an If-None-Match decides alone; else If-Modified-Since, to the second. */
    private static boolean notModified(HttpFields request, Page page) {
        List<String> matches = request.getValuesList(HttpHeader.IF_NONE_MATCH);
        if (!matches.isEmpty()) {
            // split by hand: Jetty's CSV parser refuses weak tags (W/"...")
            String tag = weakless(page.etag());
            return matches.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .anyMatch(t -> t.equals("*") || weakless(t).equals(tag));
        }
        String since = request.get(HttpHeader.IF_MODIFIED_SINCE);
        long sinceMillis = since == null ? -1 : DateParser.parseDate(since);
        return sinceMillis >= 0 && page.lastModified() / 1000 <= sinceMillis / 1000;
    }

    private static String weakless(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static boolean acceptsGzip(HttpFields request) {
        String accepted = request.get(HttpHeader.ACCEPT_ENCODING);
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }
}
