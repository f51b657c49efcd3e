package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The index follows the talk files, and the check at start repairs what a restart can leave behind. */
class SearchIndexIntegrationTests extends SearchIntegrationTestSupport {

    private static final String TALK = """
            ---
            slug: zz-index-follow
            title: "색인 따라가기 시험 발표"
            speaker: "홍길동"
            company: "시험회사"
            date: 2023-08-06
            order: 99
            tags: [indexing]
            ---

            ## 첫 부분

            %s 라는 낱말이 노트에 들어 있다.
            """;

    @Autowired
    SearchService search;

    @Autowired
    SearchIndexer indexer;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void addedEditedAndDeletedTalkFilesAreSearchableWithinTwoSeconds() throws Exception {
        Path file = SearchFixture.dir().resolve("99-zz-index-follow.md");
        try {
            Files.writeString(file, TALK.formatted("플럭서스카파"), StandardCharsets.UTF_8);
            assertWithinTwoSeconds(() -> finds("플럭서스카파", "zz-index-follow"));

            Files.writeString(file, TALK.formatted("옴니버스제타"), StandardCharsets.UTF_8);
            assertWithinTwoSeconds(() -> finds("옴니버스제타", "zz-index-follow") && !finds("플럭서스카파", "zz-index-follow"));
        }
        finally {
            Files.deleteIfExists(file);
        }
        assertWithinTwoSeconds(() -> !finds("옴니버스제타", "zz-index-follow"));
    }

    @Test
    void emptyIndexOverAFullCatalogIsRebuiltAtStart() throws Exception {
        long before = indexer.documentCount();
        assertThat(before).isPositive();
        Search.mapping(entityManagerFactory).scope(TalkSection.class).workspace().purge();
        Search.mapping(entityManagerFactory).scope(TalkSection.class).workspace().refresh();
        assertThat(indexer.documentCount()).isZero();

        indexer.repair();

        assertThat(indexer.documentCount()).isEqualTo(before);
        assertThat(finds("GOGC", "gc-in-golang")).isTrue();
    }

    @Test
    void aTalkWhoseDayChangedThoughItsFileDidNotIsRebuiltAtStart() {
        // a talk's day comes from conference.yml, not from its file: after a day edited while the app
        // was down, the rows' file hash still matches, so the check compares the day too
        int day = setDay("gc-in-golang", 9);
        try {
            indexer.repair();

            assertThat(findsOnDay9("GOGC", "gc-in-golang")).isTrue();
        }
        finally {
            setDay("gc-in-golang", day);
            indexer.repair();
        }
    }

    /** Sets a talk's day in the catalog, as a sync after an edited conference.yml does; returns the old one. */
    private int setDay(String slug, int day) {
        EntityManager em = entityManagerFactory.createEntityManager();
        try {
            em.getTransaction().begin();
            int before = em.createQuery("select t.day from Talk t where t.slug = :slug", Integer.class)
                .setParameter("slug", slug)
                .getSingleResult();
            em.createQuery("update Talk t set t.day = :day where t.slug = :slug")
                .setParameter("day", day)
                .setParameter("slug", slug)
                .executeUpdate();
            em.getTransaction().commit();
            return before;
        }
        finally {
            em.close();
        }
    }

    private boolean findsOnDay9(String query, String slug) {
        return search.search(SearchRequest.of(query, "9", null, null, null, 10), false)
            .talks()
            .stream()
            .anyMatch(t -> t.slug().equals(slug));
    }

    private boolean finds(String query, String slug) {
        return search.search(SearchRequest.of(query), false).talks().stream().anyMatch(t -> t.slug().equals(slug));
    }

    private static void assertWithinTwoSeconds(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 2 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
