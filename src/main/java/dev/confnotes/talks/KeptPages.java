package dev.confnotes.talks;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The rendered pages kept per path, language and kind of request (a whole page, or htmx's part of one),
 * each until the catalog changes ({@link Catalog#version()}). {@link PageCacheFilter} keeps them;
 * it and {@link KeptPagesHandler} answer from them.
 */
class KeptPages {

    private final Catalog catalog;

    private final PagesProperties properties;

    private final Map<Key, Page> pages = new ConcurrentHashMap<>();

    private volatile long cachedVersion = -1;

    private final Counter hits;

    private final Counter misses;

    KeptPages(Catalog catalog, PagesProperties properties, MeterRegistry meters) {
        this.catalog = catalog;
        this.properties = properties;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("confnotes.pages.cache")
            .description("Catalog pages answered from the page cache (hit) or rendered (miss)")
            .tag("result", result)
            .register(meters);
    }

    /** The kept page for this key if it is of the catalog's current version (counted as a hit), else null. */
    Page current(Key key) {
        Page page = pages.get(key);
        if (page == null || page.version() != catalog.version()) {
            return null;
        }
        hits.increment();
        return page;
    }

    void countMiss() {
        misses.increment();
    }

    /** Keeps a page rendered at {@code page.version()}, unless the catalog has moved on meanwhile. */
    void keep(Key key, Page page) {
        if (page.version() != cachedVersion || pages.size() >= properties.cacheMaxEntries()) {
            pages.clear();
            cachedVersion = page.version();
        }
        if (page.version() == catalog.version()) {
            pages.put(key, page);
        }
    }

    /** A page's place: its path (decoded, as the app dispatches it), its language, and whether htmx asked. */
    record Key(String path, Locale locale, boolean htmx) {
    }

    /** A rendered page: its bytes (and gzipped, where it pays), type, validators and the catalog version. */
    record Page(byte[] body, byte[] gzipped, String contentType, String etag, long version, long lastModified) {

        /** A page names its language (the rendered template sets it); the JSON API does not. */
        boolean isHtml() {
            return contentType != null && contentType.startsWith("text/html");
        }
    }
}
