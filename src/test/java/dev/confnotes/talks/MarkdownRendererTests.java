package dev.confnotes.talks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTests {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void escapesRawHtmlInTheNotes() {
        String html = renderer.render("안녕 <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"x\">d</div>").html();

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<div");
        assertThat(html).contains("&lt;script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void dropsJavascriptAndDataLinks() {
        String html = renderer.render("""
                [a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](data:text/html;base64,PHNjcmlwdD4=)
                [d](vbscript:msgbox) <javascript:alert(3)> [e]( java\tscript:alert(4))
                ![i](javascript:alert(5)) ![j](data:image/png;base64,AAAA)
                """).html();

        assertThat(html).doesNotContainPattern("(?i)(href|src)=\"[^\"]*(javascript|data|vbscript):");
        assertThat(html).contains("href=\"\"").contains("src=\"\"");
    }

    @Test
    void keepsWebMailAndAnchorLinks() {
        String html = renderer.render("[go](https://go.dev) [m](mailto:a@b.c) [s](#section) [r](/talks/x)").html();

        assertThat(html).contains("href=\"https://go.dev\"")
            .contains("href=\"mailto:a@b.c\"")
            .contains("href=\"#section\"")
            .contains("href=\"/talks/x\"");
    }

    @Test
    void rendersGithubFlavouredTablesAndAutolinks() {
        String html = renderer.render("""
                | 언어 | GC |
                |---|---|
                | Go | CMS |

                참고 https://go.dev/blog 와 www.example.com
                """).html();

        assertThat(html).contains("<table>").contains("<td>Go</td>");
        assertThat(html).contains("href=\"https://go.dev/blog\"");
    }

    @Test
    void givesEveryHeadingAnAnchorAndAContentsEntry() {
        RenderedNotes notes = renderer.render("""
                # 컨텍스트 패키지란?
                본문
                ## Tri-color abstraction
                ## Tri-color abstraction
                """);

        assertThat(notes.toc()).extracting(RenderedNotes.Heading::anchor)
            .containsExactly("컨텍스트-패키지란", "tri-color-abstraction", "tri-color-abstraction-1");
        assertThat(notes.html()).contains("<h1 id=\"컨텍스트-패키지란\">")
            .contains("<h2 id=\"tri-color-abstraction-1\">");
    }

    @Test
    void everyHeadingEndsInAPermalinkToItself() {
        RenderedNotes notes = renderer.render("## 컨텍스트 패키지란?\n본문\n### `GOGC` 설정\n");

        assertThat(notes.html())
            .contains("<h2 id=\"컨텍스트-패키지란\">컨텍스트 패키지란?<a class=\"heading-anchor\" href=\"#컨텍스트-패키지란\" "
                    + "aria-label=\"§ 컨텍스트 패키지란?\">#</a></h2>")
            .contains("<h3 id=\"gogc-설정\"><code>GOGC</code> 설정<a class=\"heading-anchor\" href=\"#gogc-설정\"");
        assertThat(notes.toc()).extracting(RenderedNotes.Heading::text).containsExactly("컨텍스트 패키지란?", "GOGC 설정");
    }

    @Test
    void listsTheWebLinksInTheNotesOnce() {
        RenderedNotes notes = renderer.render("[Go 블로그](https://go.dev/blog) https://go.dev/blog https://pkg.go.dev [x](javascript:alert(1))");

        assertThat(notes.links()).extracting(TalkLink::url).containsExactly("https://go.dev/blog", "https://pkg.go.dev");
        assertThat(notes.links().getFirst().title()).isEqualTo("Go 블로그");
    }

    @Test
    void splitsTheNotesIntoSectionsAtHeadings() {
        RenderedNotes notes = renderer.render("머리말\n\n# 첫째\n하나\n\n## 둘째\n둘");

        assertThat(notes.sections()).containsExactly(new RenderedNotes.Section("", "", "머리말"),
                new RenderedNotes.Section("첫째", "첫째", "하나"), new RenderedNotes.Section("둘째", "둘째", "둘"));
    }
}
