package dev.confnotes.talks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the catalog's pages are served.
 *
 * @param cache keep the rendered HTML and JSON of each page (per path and language) until the
 *     catalog changes; off, every request renders again (ETag and Last-Modified still work)
 * @param cacheMaxEntries how many rendered pages to keep at most; past it the cache starts over
 */
@ConfigurationProperties("confnotes.pages")
record PagesProperties(@DefaultValue("true") boolean cache, @DefaultValue("2000") int cacheMaxEntries) {
}
