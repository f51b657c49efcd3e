package dev.confnotes.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recent search results, for the catalog as it is now: a small LRU map keyed by the request as
 * understood (query as cleaned, filters, limit) and whether filter counts were asked for. Search
 * as you type and paging between the page and its filters repeat the same requests; a repeated one
 * costs a map look-up.
 * <p>
 * {@link SearchIndexer} is the only writer of the index, and calls {@link #invalidate()} before
 * and after it changes it (after each catalog sync that changed a talk, and after a repair at
 * start). A search that began before an invalidation is not stored, so the cache never holds
 * results of an index that has since changed. A size of 0 turns caching off.
 */
final class SearchCache {

    record Key(SearchRequest request, boolean withFacets) {
    }

    private final int maxEntries;

    private final Map<Key, SearchResults> entries;

    private long version;

    SearchCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, SearchResults> eldest) {
                return size() > SearchCache.this.maxEntries;
            }
        };
    }

    /** The cached results for this key, or computes them (outside any lock) and keeps them. */
    SearchResults get(Key key, Supplier<SearchResults> search) {
        if (maxEntries <= 0) {
            return search.get();
        }
        long startedAt;
        synchronized (this) {
            SearchResults cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
            startedAt = version;
        }
        SearchResults results = search.get();
        synchronized (this) {
            if (version == startedAt) {
                entries.put(key, results);
            }
        }
        return results;
    }

    /** Forgets every result: the index has changed or is about to. */
    synchronized void invalidate() {
        version++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
