package dev.confnotes.search;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context every search test shares (Spring caches it, so the app boots once):
 * the fixture talks, an in-memory database and an in-memory index, a real port for the browser test
 * and MockMvc for the rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:search-tests;DB_CLOSE_DELAY=-1",
                "confnotes.search.directory=local-heap", "confnotes.talks.poll-interval=1s",
                "logging.level.org.hibernate.search=WARN" })
@AutoConfigureMockMvc
abstract class SearchIntegrationTestSupport {

    @DynamicPropertySource
    static void talks(DynamicPropertyRegistry registry) {
        registry.add("confnotes.talks.dir", () -> SearchFixture.dir().toString());
    }
}
