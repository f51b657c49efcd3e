package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchRequestTests {

    @Test
    void querySyntaxCharactersAreSeparatorsNotOperators() {
        SearchRequest request = SearchRequest.of("\"GOGC\" (고루틴*) ~fiber: \\ [a] ^b! c? /proc");
        assertThat(request.tokens()).containsExactly("GOGC", "고루틴", "fiber", "a", "b", "c", "/proc");
    }

    @Test
    void onlyPunctuationIsAnEmptyQuery() {
        assertThat(SearchRequest.of("\" ( ) * ~ : \\ [ ] ^ ! ?").isEmpty()).isTrue();
        assertThat(SearchRequest.of(null).isEmpty()).isTrue();
        assertThat(SearchRequest.of("   ").isEmpty()).isTrue();
    }

    @Test
    void longQueryIsCutAndLimited() {
        SearchRequest request = SearchRequest.of("가".repeat(1000));
        assertThat(request.query()).hasSize(SearchRequest.MAX_QUERY_LENGTH);
        assertThat(SearchRequest.of("a ".repeat(500)).tokens()).hasSize(SearchRequest.MAX_TOKENS);
    }

    @Test
    void malformedFiltersAreDroppedAndLimitClamped() {
        SearchRequest request = SearchRequest.of("go", "abc", "  ", "x".repeat(500), null, 999);
        assertThat(request.day()).isNull();
        assertThat(request.tag()).isNull();
        assertThat(request.speaker()).hasSize(100);
        assertThat(request.limit()).isEqualTo(SearchRequest.MAX_LIMIT);
        assertThat(SearchRequest.of("go", "2", "Testing", null, null, 0).tag()).isEqualTo("testing");
        assertThat(SearchRequest.of("go", "2", null, null, null, 0).day()).isEqualTo(2);
    }
}
