package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The search page, its htmx fragment and the JSON API, including everything a user can get wrong. */
class SearchWebIntegrationTests extends SearchIntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Test
    void pageShowsHighlightedResultsLinkingToTheSection() throws Exception {
        String html = mvc.perform(get("/search").param("q", "고루틴"))
            .andExpect(status().isOk())
            .andExpect(header().string("Vary", Matchers.containsString("HX-Request")))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(html).contains("<html", "id=\"search-results\"", "<mark>고루틴과</mark>",
                "href=\"/talks/api-server-testing#");
    }

    @Test
    void htmxRequestGetsOnlyTheResultsFragment() throws Exception {
        String html = mvc.perform(get("/search").param("q", "GOGC").header("HX-Request", "true"))
            .andExpect(status().isOk())
            .andExpect(header().string("Vary", Matchers.containsString("HX-Request")))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(html).doesNotContain("<html", "site-header").contains("<mark>GOGC</mark>", "/talks/gc-in-golang#");
    }

    @Test
    void dropdownOnOtherPagesGetsHitsWithoutFilterCountsWhileTheSearchPageKeepsThem() throws Exception {
        String dropdown = mvc.perform(get("/search").param("q", "테스트")
            .header("HX-Request", "true")
            .header("HX-Current-URL", "http://localhost/talks/go-testing"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(dropdown).contains("search-hit", "<mark>").doesNotContain("search-facets");
        String onPage = mvc.perform(get("/search").param("q", "테스트")
            .header("HX-Request", "true")
            .header("HX-Current-URL", "http://localhost/search?q=%ED%85%8C"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(onPage).contains("search-hit", "search-facets");
    }

    @Test
    void historyRestoreGetsTheFullPage() throws Exception {
        mvc.perform(get("/search").param("q", "GOGC")
            .header("HX-Request", "true")
            .header("HX-History-Restore-Request", "true"))
            .andExpect(status().isOk())
            .andExpect(content().string(Matchers.containsString("<html")));
    }

    @Test
    void emptyQueryShowsTheEmptyState() throws Exception {
        mvc.perform(get("/search"))
            .andExpect(status().isOk())
            .andExpect(content().string(Matchers.containsString("search-empty")));
        mvc.perform(get("/search").param("q", "  "))
            .andExpect(status().isOk())
            .andExpect(content().string(Matchers.containsString("search-empty")));
    }

    @Test
    void noResultsStateSuggestsWhatToTry() throws Exception {
        mvc.perform(get("/search").param("q", "zzqxv"))
            .andExpect(status().isOk())
            .andExpect(content().string(Matchers.containsString("search-none")));
    }

    @Test
    void filtersShowTalkCountsAndNarrowTheResults() throws Exception {
        String html = mvc.perform(get("/search").param("q", "테스트").param("lang", "en"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(html).contains("search-facets", "/search?q=%ED%85%8C%EC%8A%A4%ED%8A%B8&amp;tag=testing");
        String filtered = mvc.perform(get("/search").param("q", "테스트").param("day", "2"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(filtered).contains("/talks/scenario-tester").doesNotContain("/talks/go-testing\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\" ( ) * ~ : \\ [ ] ^ ! ?", "GOGC)", "(고루틴", "\"unclosed", "a:b", "fiber~2", "*",
            "AND OR NOT", "-", "/", "\\", "?", "의" })
    void querySyntaxIsPlainWordsNeverAnError(String query) throws Exception {
        mvc.perform(get("/search").param("q", query)).andExpect(status().isOk());
        mvc.perform(get("/search").param("q", query).header("HX-Request", "true")).andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", query)).andExpect(status().isOk());
    }

    @Test
    void thousandCharacterQueryIsCutNotAnError() throws Exception {
        String query = "고루틴 ".repeat(250);
        mvc.perform(get("/search").param("q", query)).andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", query))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.query", Matchers.hasLength(SearchRequest.MAX_QUERY_LENGTH)));
    }

    @Test
    void scriptPayloadIsNeverReflectedUnescaped() throws Exception {
        String payload = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
        for (String param : new String[] { "q", "tag", "speaker", "company", "day" }) {
            String html = mvc.perform(get("/search").param("q", "go").param(param, payload))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
            assertThat(html).doesNotContain("<script>alert", "<img src=x");
            String fragment = mvc.perform(get("/search").param(param, payload).param("q", "고루틴")
                .header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(fragment).doesNotContain("<script>alert", "<img src=x");
        }
    }

    @Test
    void unknownFilterValuesGiveNoResultsNotAnError() throws Exception {
        mvc.perform(get("/search").param("q", "고루틴").param("tag", "no-such-tag").param("day", "banana")
            .param("speaker", "nobody").param("company", "none"))
            .andExpect(status().isOk())
            .andExpect(content().string(Matchers.containsString("search-none")));
        mvc.perform(get("/api/search").param("q", "고루틴").param("day", "99"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.results", Matchers.hasSize(0)));
    }

    @Test
    void apiReturnsTalksWithHighlightedSnippetsAndAnchors() throws Exception {
        mvc.perform(get("/api/search").param("q", "GOGC").param("limit", "5"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.results[0].slug").value("gc-in-golang"))
            .andExpect(jsonPath("$.results[0].title").value("GC in Golang"))
            .andExpect(jsonPath("$.results[0].speaker").value("라스"))
            .andExpect(jsonPath("$.results[0].score").isNumber())
            .andExpect(jsonPath("$.results[0].anchor").value("gogc--soft-memory-limit"))
            .andExpect(jsonPath("$.results[0].snippets[0]", Matchers.containsString("<mark>GOGC</mark>")))
            .andExpect(jsonPath("$.results[0].url").value("/talks/gc-in-golang#gogc--soft-memory-limit"));
    }

    @Test
    void apiLimitBoundsTheResults() throws Exception {
        mvc.perform(get("/api/search").param("q", "go").param("limit", "2"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.results", Matchers.hasSize(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "51", "-1", "abc", "1e3", "99999999999" })
    void apiRefusesALimitOutsideOneToFifty(String limit) throws Exception {
        mvc.perform(get("/api/search").param("q", "go").param("limit", limit))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("limit"))
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andExpect(jsonPath("$.status").value(400))
            .andExpect(jsonPath("$.max").value(50))
            .andExpect(jsonPath("$.detail").value("limit must be a whole number from 1 to 50"));
    }

    @Test
    void layoutSearchBoxSearchesAsYouTypeOnEveryPage() throws Exception {
        String home = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("hx-get=\"/search\"", "hx-trigger=\"input changed delay:200ms, search\"",
                "hx-target=\"#search-results\"", "hx-sync=\"this:replace\"", "hx-push-url=\"false\"",
                "class=\"search-dropdown\"");
        String page = mvc.perform(get("/search").param("q", "go")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("hx-push-url=\"true\"").doesNotContain("class=\"search-dropdown\"");
    }

    @Test
    void aTypoIsOfferedTheCorrectedQueryOnThePageAndInTheDropdownInBothLanguages() throws Exception {
        String page = mvc.perform(get("/search").param("q", "kubernets")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("search-suggestion", "이것을 찾으셨나요?", "href=\"/search?q=kubernetes\"");
        String english = mvc.perform(get("/search").param("q", "고루팀").param("lang", "en"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(english).contains("Did you mean", ">고루틴</a>");
        String dropdown = mvc.perform(get("/search").param("q", "kubernets")
            .header("HX-Request", "true")
            .header("HX-Current-URL", "http://localhost/"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(dropdown).contains("search-suggestion", "href=\"/search?q=kubernetes\"");
        // one click: the corrected query's page finds the talk
        String corrected = mvc.perform(get("/search").param("q", "kubernetes")).andReturn().getResponse().getContentAsString();
        assertThat(corrected).contains("/talks/prometheus-kubernetes").doesNotContain("search-suggestion");
        mvc.perform(get("/api/search").param("q", "kubernets"))
            .andExpect(jsonPath("$.didYouMean").value("kubernetes"));
    }

    @Test
    void theSummaryNamesTheActiveFiltersAndCountsOneTalkInTheSingular() throws Exception {
        String filtered = mvc.perform(get("/search").param("q", "테스트").param("day", "2").param("tag", "testing"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(filtered).containsPattern("(?s)class=\"search-summary\".*필터:.*2일차.*#testing.*</p>");
        String one = mvc.perform(get("/search").param("q", "bpftrace").param("lang", "en"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(one).contains("1 talk matches ‘bpftrace’").doesNotContain("1 talks");
        String many = mvc.perform(get("/search").param("q", "테스트").param("lang", "en"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(many).containsPattern("[2-9] talks match ‘테스트’");
    }

    @Test
    void theSearchPageDoesNotLinkToItselfWhileTheDropdownLinksToIt() throws Exception {
        String page = mvc.perform(get("/search").param("q", "고루틴")).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("search-all");
        String typing = mvc.perform(get("/search").param("q", "고루틴")
            .header("HX-Request", "true")
            .header("HX-Current-URL", "http://localhost/search?q=%EA%B3%A0"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(typing).doesNotContain("search-all");
        String dropdown = mvc.perform(get("/search").param("q", "고루틴")
            .header("HX-Request", "true")
            .header("HX-Current-URL", "http://localhost/talks/go-testing"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(dropdown).contains("search-all");
    }

    @Test
    void snippetsOnThePageShowNoListMarkers() throws Exception {
        String page = mvc.perform(get("/search").param("q", "withValue")).andReturn().getResponse().getContentAsString();
        // the section is a list: "- withCancel() : ...", "- withValue()"
        assertThat(page).contains("<mark>withValue").doesNotContain("- <mark>withValue", "- withCancel");
    }
}
