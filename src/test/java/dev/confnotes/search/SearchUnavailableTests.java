package dev.confnotes.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A start-up index check that failed: the search page and the JSON API answer 503 with Retry-After
 * rather than results from an index that may be missing talks. A context of its own, so the shared
 * search context (SearchIntegrationTestSupport) keeps a ready index.
 */
@WebMvcTest({ SearchController.class, SearchApiController.class })
@Import({ SearchService.class, Synonyms.class, SpellingSuggester.class })
class SearchUnavailableTests {

    @Autowired
    MockMvc mvc;

    /** Never reached: the readiness check refuses before the index is asked. */
    @MockitoBean
    EntityManagerFactory entityManagerFactory;

    @Test
    void searchPageAnswersServiceUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/search").param("q", "GOGC"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"));
        mvc.perform(get("/search").param("q", "GOGC").header("HX-Request", "true"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"));
    }

    @Test
    void apiAnswersServiceUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/api/search").param("q", "GOGC"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailedIndexCheck {

        @Bean
        IndexReadiness indexReadiness() {
            IndexReadiness readiness = new IndexReadiness();
            readiness.failed(new IllegalStateException("index folder not writable"));
            return readiness;
        }
    }
}
