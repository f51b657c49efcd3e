package dev.confnotes.talks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;

import dev.confnotes.demos.DemoCatalog;
import dev.confnotes.demos.manifest.ManifestParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest({ TalkController.class, TalkApiController.class })
@Import({ MarkdownRenderer.class, FollowUpFinder.class })
class TalkControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Catalog catalog;

    /** Unknown to the mock, so the talk page shows the demo's "not found" notice in place of the panel. */
    @MockitoBean(name = "demoCatalog")
    DemoCatalog demoCatalog;

    Talk context;

    Talk gc;

    @BeforeEach
    void setUp() {
        context = talk("context-state-management", "컨텍스트를 이용한 상태 관리", 1, 4, List.of("context", "concurrency"),
                List.of("context"), "## 컨텍스트 패키지란?\nTODO() 는 이건 찾아보자 놓침\n\n<script>alert(1)</script>");
        gc = talk("gc-in-golang", "GC in Golang", 2, 6, List.of("gc", "concurrency"), List.of(), "## STW\n멈춤");
        given(catalog.conference())
            .willReturn(new Conference("GopherCon Korea 2023", "2023 고퍼콘", List.of(LocalDate.of(2023, 8, 5))));
        given(catalog.talks()).willReturn(List.of(context, gc));
        given(catalog.days()).willReturn(List.of(new Catalog.Day(1, LocalDate.of(2023, 8, 5), List.of(context)),
                new Catalog.Day(2, LocalDate.of(2023, 8, 6), List.of(gc))));
        given(catalog.find(any())).willReturn(Optional.empty());
        given(catalog.find("context-state-management")).willReturn(Optional.of(context));
        given(catalog.next(context)).willReturn(Optional.of(gc));
        given(catalog.previous(context)).willReturn(Optional.empty());
        given(catalog.related(any(), anyInt())).willReturn(List.of(gc));
        given(catalog.taggedWith("gc")).willReturn(List.of(gc));
    }

    @Test
    void homeListsTheTalksInRunningOrderWithADemoBadge() throws Exception {
        mvc.perform(get("/"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("2023 고퍼콘")))
            .andExpect(content().string(containsString("href=\"/talks/context-state-management\"")))
            .andExpect(content().string(containsString("demo-badge")))
            .andExpect(content().string(containsString("2일차")));
    }

    @Test
    void theHomePagesDemoBadgeLinksToTheTalksDemo() throws Exception {
        mvc.perform(get("/"))
            .andExpect(content().string(containsString("href=\"/talks/context-state-management#demo-context\"")));
    }

    @Test
    void theTalksContentsListItsDemoWithItsTitle() throws Exception {
        DemoPanels.Panel panel = new DemoCatalog.DemoView(ManifestParser.parse("context",
                "id: context\ntitle: 컨텍스트 트리 실험실\ntitleEn: Context tree lab\n"), "", "", List.of(), List.of());
        given(demoCatalog.panel("context")).willReturn(Optional.of(panel));
        Talk headings = talk("two", "둘", 1, 1, List.of(), List.of("context"), "## 하나\n가\n\n## 둘\n나");
        given(catalog.find("two")).willReturn(Optional.of(headings));
        mvc.perform(get("/talks/two").param("lang", "en"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("<a href=\"#demo-context\">▶ Demo Context tree lab</a>")));
    }

    @Test
    void homeSpeaksEnglishWhenAsked() throws Exception {
        mvc.perform(get("/").param("lang", "en"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("GopherCon Korea 2023")))
            .andExpect(content().string(containsString("Day 2")));
    }

    @Test
    void talkPageShowsNotesContentsFollowUpsAndNextTalk() throws Exception {
        mvc.perform(get("/talks/context-state-management"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("<h2 id=\"컨텍스트-패키지란\">")))
            .andExpect(content().string(containsString("href=\"#컨텍스트-패키지란\"")))
            .andExpect(content().string(containsString("rel=\"next\" href=\"/talks/gc-in-golang\"")))
            .andExpect(content().string(containsString("이건 찾아보자 놓침")))
            .andExpect(content().string(containsString("&lt;script&gt;")))
            .andExpect(content().string(not(containsString("<script>alert"))));
    }

    @Test
    void onlyATalkPageWithADemoLoadsTheDemoScriptsAndUplot() throws Exception {
        given(catalog.find("gc-in-golang")).willReturn(Optional.of(gc));
        mvc.perform(get("/talks/gc-in-golang"))
            .andExpect(status().isOk())
            .andExpect(content().string(not(containsString("/js/demo/"))))
            .andExpect(content().string(not(containsString("uplot"))))
            .andExpect(content().string(not(containsString("htmx-ext-sse"))));
        mvc.perform(get("/talks/context-state-management"))
            .andExpect(content().string(containsString("/js/demo/panel")))
            .andExpect(content().string(containsString("/js/demo/views/table")))
            .andExpect(content().string(containsString("uPlot.iife.min")));
    }

    @Test
    void unknownTalkIsAFriendly404() throws Exception {
        mvc.perform(get("/talks/no-such-talk").accept(MediaType.TEXT_HTML))
            .andExpect(status().isNotFound());
    }

    @Test
    void slugsWithPathTricksAre404() throws Exception {
        for (String slug : List.of("..", "%2e%2e", "..%2f..%2fetc", "a%00b", "A".repeat(500), "<script>")) {
            mvc.perform(get("/talks/" + slug)).andExpect(status().isNotFound());
            mvc.perform(get("/api/talks/" + slug)).andExpect(status().isNotFound());
        }
    }

    @Test
    void unknownTagIs404() throws Exception {
        mvc.perform(get("/tags/nope")).andExpect(status().isNotFound());
        mvc.perform(get("/tags/gc")).andExpect(status().isOk()).andExpect(content().string(containsString("GC in Golang")));
    }

    @Test
    void followUpsPageLinksEachToItsPlaceInTheTalk() throws Exception {
        mvc.perform(get("/follow-ups"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("href=\"/talks/context-state-management#컨텍스트-패키지란\"")))
            .andExpect(content().string(org.hamcrest.Matchers.not(containsString("#demo-context"))));
    }

    @Test
    void followUpLinksToTheSectionOfTheDemoExplanationThatAnswersIt() throws Exception {
        given(demoCatalog.answering(List.of("context"), "TODO() 는 이건 찾아보자 놓침"))
            .willReturn(Optional.of(new DemoAnswers.DemoAnswer("context", "todo-vs-background", "TODO vs Background")));
        mvc.perform(get("/follow-ups"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("href=\"/talks/context-state-management#todo-vs-background\">TODO vs Background</a>")))
            .andExpect(content().string(containsString("1곳 중 1곳에 답이 있고, 열린 곳은 0곳입니다.")));
    }

    @Test
    void followUpsPageShowsTheAuthorsAnswerAndKeepsAnsweredAndOpenApart() throws Exception {
        Talk profiling = talk("profiling-and-tracing", "Profiling", 1, 7, List.of("profiling"), List.of(),
                "## 프로파일링과 pprof\n- Proof : 제대로 못들음 <= 따로 다시 찾아보기\n\nJit 컴파일러 살펴보기",
                List.of(new FollowUpAnswer("Proof", "‘Proof’는 pprof입니다.", "“Proof” is pprof.",
                        "https://go.dev/doc/diagnostics#profiling")));
        given(catalog.talks()).willReturn(List.of(profiling));

        String page = mvc.perform(get("/follow-ups")).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString();

        assertThat(page).contains("2곳 중 1곳에 답이 있고, 열린 곳은 1곳입니다.");
        String answered = page.substring(page.indexOf("id=\"answered\""), page.indexOf("id=\"open\""));
        String open = page.substring(page.indexOf("id=\"open\""));
        assertThat(answered).contains("Proof : 제대로 못들음", "‘Proof’는 pprof입니다.",
                "href=\"https://go.dev/doc/diagnostics#profiling\"").doesNotContain("Jit 컴파일러");
        assertThat(open).contains("Jit 컴파일러 살펴보기", "아직 답이 없습니다").doesNotContain("Proof");
        mvc.perform(get("/follow-ups").param("lang", "en"))
            .andExpect(content().string(containsString("“Proof” is pprof.")))
            .andExpect(content().string(containsString("1 of 2 have an answer; 1 still open.")));
    }

    @Test
    void aTalkWithFewerThanTwoContentsEntriesHasNoTableOfContents() throws Exception {
        given(catalog.find("gc-in-golang")).willReturn(Optional.of(gc));
        mvc.perform(get("/talks/gc-in-golang")) // one heading, no demo
            .andExpect(content().string(not(containsString("class=\"toc\""))))
            .andExpect(content().string(containsString("class=\"talk-layout\"")));
        mvc.perform(get("/talks/context-state-management")) // one heading and its demo
            .andExpect(content().string(containsString("class=\"toc\"")));
        Talk twoHeadings = talk("two", "둘", 1, 1, List.of(), List.of(), "## 하나\n가\n\n## 둘\n나");
        given(catalog.find("two")).willReturn(Optional.of(twoHeadings));
        mvc.perform(get("/talks/two"))
            .andExpect(content().string(containsString("class=\"toc\"")))
            .andExpect(content().string(containsString("class=\"talk-layout has-toc\"")));
    }

    @Test
    void apiListsTalksAndDescribesOne() throws Exception {
        mvc.perform(get("/api/talks"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].slug").value("context-state-management"))
            .andExpect(jsonPath("$[0].demos[0]").value("context"));
        mvc.perform(get("/api/talks/context-state-management"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.talk.title").value("컨텍스트를 이용한 상태 관리"))
            .andExpect(jsonPath("$.toc[0].anchor").value("컨텍스트-패키지란"))
            .andExpect(jsonPath("$.next").value("gc-in-golang"));
    }

    static Talk talk(String slug, String title, int day, int order, List<String> tags, List<String> demos, String body) {
        return talk(slug, title, day, order, tags, demos, body, List.of());
    }

    static Talk talk(String slug, String title, int day, int order, List<String> tags, List<String> demos, String body,
            List<FollowUpAnswer> answers) {
        Talk talk = new Talk(slug);
        talk.apply(new TalkDocument(slug, title, "발표자", "회사", LocalDate.of(2023, 8, 4 + day), order, tags, demos,
                List.of(), answers, body), day, slug + ".md", slug, Instant.now());
        return talk;
    }
}
