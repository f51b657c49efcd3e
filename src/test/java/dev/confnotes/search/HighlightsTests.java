package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Marking the query's words in the text shown: whole words, escaped, one fragment around the best match. */
class HighlightsTests {

    /** Stand-in for Nori on the query words these tests use. */
    private static final Map<String, List<String>> NORI = Map.of("고루틴", List.of("고루", "틴"), "테스트를",
            List.of("테스트"), "테스트코드", List.of("테스트", "코드"), "/proc", List.of("proc"));

    private static Highlights marks(String... tokens) {
        return Highlights.of(List.of(tokens), t -> NORI.getOrDefault(t, List.of(t.toLowerCase())));
    }

    @Test
    void marksTheWholeWordAKoreanQueryWordStarts() {
        assertThat(marks("고루틴").whole("고루틴과 채널, 루틴")).isEqualTo("<mark>고루틴과</mark> 채널, 루틴");
        // Nori's stem of the query word finds other endings of it.
        assertThat(marks("테스트를").whole("테스트는 빨라야 한다")).isEqualTo("<mark>테스트는</mark> 빨라야 한다");
        // A compound part of two syllables or more is found inside a written compound.
        assertThat(marks("테스트코드").whole("좋은 단위테스트 코드를")).isEqualTo("좋은 <mark>단위테스트</mark> <mark>코드를</mark>");
    }

    @Test
    void latinWordsMatchCaseInsensitivelyAsPrefixesWithoutTrailingPunctuation() {
        assertThat(marks("gogc").whole("Set GOGC. Then gogcx, not xgogc"))
            .isEqualTo("Set <mark>GOGC</mark>. Then <mark>gogcx</mark>, not xgogc");
        assertThat(marks("/proc").whole("read /proc/stat and proc")).isEqualTo(
                "read <mark>/proc/stat</mark> and <mark>proc</mark>");
    }

    @Test
    void everythingIsEscaped() {
        assertThat(marks("고루").whole("<script>고루틴과</script> & \"x\""))
            .isEqualTo("&lt;script&gt;<mark>고루틴과</mark>&lt;/script&gt; &amp; &quot;x&quot;");
    }

    @Test
    void longTextIsCutAtSpacesAroundTheMatchHoldingTheMostQueryWords() {
        String text = "앞 ".repeat(100) + "write 한 번 " + "중간 ".repeat(100) + "write barrier 끝 " + "뒤 ".repeat(100);
        String fragment = marks("write", "barrier").fragment(text, 160);
        assertThat(fragment).startsWith("… ").endsWith(" …").contains("<mark>write</mark> <mark>barrier</mark>");
        assertThat(fragment.length()).isLessThan(200);
        // The first "write" alone is passed over for the place holding both words.
        assertThat(fragment).doesNotContain("앞", "한 번");
    }

    @Test
    void withoutAMatchTheStartOfTheTextIsShownAndAnEmptyTextGivesNothing() {
        assertThat(marks("zzz").fragment("가 ".repeat(200), 160)).startsWith("가 가").endsWith(" …");
        assertThat(marks("zzz").fragment("", 160)).isEmpty();
        assertThat(marks("zzz").fragment(null, 160)).isEmpty();
    }

    @Test
    void snippetsLeaveOutMarkdownListMarkers() {
        assertThat(marks("고루틴").fragment("- 빠른 빌드\n- 고루틴, 채널\n* 별표\n1. 첫째\n2) 둘째\nMark - 마크", 160))
            .isEqualTo("빠른 빌드 <mark>고루틴</mark>, 채널 별표 첫째 둘째 Mark - 마크");
    }

    @Test
    void equivalentTermsAreMarkedWhereTheTextHasThem() {
        Highlights marks = Highlights.of(List.of("goroutine"), Map.of(0, List.of("고루틴", "goroutines")),
                t -> List.of(t));
        assertThat(marks.whole("고루틴과 goroutine")).isEqualTo("<mark>고루틴과</mark> <mark>goroutine</mark>");
    }
}
