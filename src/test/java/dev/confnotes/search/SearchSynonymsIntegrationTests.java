package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Equivalent terms at query time: what they find, how they rank, what is marked, and the content file. */
class SearchSynonymsIntegrationTests extends SearchIntegrationTestSupport {

    @Autowired
    SearchService search;

    private List<String> slugs(String query) {
        return search.search(SearchRequest.of(query), false).talks().stream().map(SearchResults.TalkHit::slug).toList();
    }

    @Test
    void aTalkUsingTheWordAsTypedRanksAboveOneHavingOnlyAnEquivalent() {
        // "goroutine" is written in these three talks; the other three say only 고루틴
        Set<String> typed = Set.of("server-monitoring", "latency-500x", "gc-in-golang");
        Set<String> equivalentOnly = Set.of("open-source-in-go", "api-server-testing", "ebpf-tracing");
        List<String> found = slugs("goroutine");
        assertThat(found).containsAll(typed).containsAll(equivalentOnly);
        int lastTyped = found.stream().filter(typed::contains).mapToInt(found::indexOf).max().orElseThrow();
        int firstEquivalent = found.stream().filter(equivalentOnly::contains).mapToInt(found::indexOf).min().orElseThrow();
        assertThat(lastTyped).as("ranks in %s", found).isLessThan(firstEquivalent);
    }

    @Test
    void theSnippetMarksTheWordActuallyInTheText() {
        SearchResults.TalkHit hit = search.search(SearchRequest.of("goroutine"), false)
            .talks()
            .stream()
            .filter(t -> t.slug().equals("api-server-testing"))
            .findFirst()
            .orElseThrow();
        String shown = String.join(" ", hit.sections().stream().flatMap(s -> s.snippets().stream()).toList())
                + hit.sections().stream().map(SearchResults.SectionHit::headingHtml).toList();
        assertThat(shown).contains("<mark>고루틴");
    }

    @Test
    void garbageCollectionInEitherScriptFindsTheGcTalk() {
        assertThat(slugs("가비지 컬렉션")).first().isEqualTo("gc-in-golang");
        assertThat(slugs("garbage collection")).first().isEqualTo("gc-in-golang");
        assertThat(slugs("가비지 컬렉션을")).first().isEqualTo("gc-in-golang");
    }

    @Test
    void theContentFoldersOwnFileIsPickedUpWhenItAppearsAndDroppedWhenItGoes() throws Exception {
        Path file = SearchFixture.dir().resolve(Synonyms.CONTENT_FILE);
        assertThat(slugs("zqfast")).isEmpty();
        try {
            Files.writeString(file, "# this conference's words\nzqfast, fasthttp\n외톨이\n", StandardCharsets.UTF_8);
            assertThat(waitFor(() -> slugs("zqfast").contains("latency-500x"))).isTrue();
        }
        finally {
            Files.deleteIfExists(file);
        }
        assertThat(waitFor(() -> slugs("zqfast").isEmpty())).isTrue();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
