package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SearchCacheTests {

    private static SearchCache.Key key(String query) {
        return new SearchCache.Key(SearchRequest.of(query), true);
    }

    private static SearchResults results(String query) {
        return SearchResults.empty(SearchRequest.of(query));
    }

    @Test
    void repeatedRequestIsAnsweredFromTheCacheUntilInvalidated() {
        SearchCache cache = new SearchCache(10);
        AtomicInteger searches = new AtomicInteger();
        cache.get(key("고루틴"), () -> { searches.incrementAndGet(); return results("고루틴"); });
        cache.get(key("고루틴"), () -> { searches.incrementAndGet(); return results("고루틴"); });
        assertThat(searches).hasValue(1);

        cache.invalidate();
        cache.get(key("고루틴"), () -> { searches.incrementAndGet(); return results("고루틴"); });
        assertThat(searches).hasValue(2);
    }

    @Test
    void resultsOfASearchThatAnInvalidationOvertookAreNotKept() {
        SearchCache cache = new SearchCache(10);
        cache.get(key("GOGC"), () -> {
            cache.invalidate();
            return results("GOGC");
        });
        assertThat(cache.size()).isZero();
    }

    @Test
    void leastRecentlyUsedIsDroppedBeyondTheSize() {
        SearchCache cache = new SearchCache(2);
        cache.get(key("a1"), () -> results("a1"));
        cache.get(key("b2"), () -> results("b2"));
        cache.get(key("a1"), () -> results("a1"));
        cache.get(key("c3"), () -> results("c3"));
        AtomicInteger searches = new AtomicInteger();
        cache.get(key("a1"), () -> { searches.incrementAndGet(); return results("a1"); });
        cache.get(key("b2"), () -> { searches.incrementAndGet(); return results("b2"); });
        assertThat(searches).hasValue(1);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void sizeZeroCachesNothing() {
        SearchCache cache = new SearchCache(0);
        AtomicInteger searches = new AtomicInteger();
        cache.get(key("pprof"), () -> { searches.incrementAndGet(); return results("pprof"); });
        cache.get(key("pprof"), () -> { searches.incrementAndGet(); return results("pprof"); });
        assertThat(searches).hasValue(2);
    }
}
