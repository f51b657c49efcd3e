package dev.confnotes.demos.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.demos.DemoTestSupport;
import dev.confnotes.demos.GcDemoContext;

/**
 * The demo's source has a page of its own: the talk page links to it instead of carrying it, htmx gets
 * just the files, and an unknown demo is the 404 page. The same context as GcDemoIntegrationTests.
 */
@GcDemoContext
class DemoSourceIntegrationTests {

    @LocalServerPort
    int port;

    DemoTestSupport http;

    /** A line of the GC program with a character the page must escape, as the page shows it. */
    String escapedLine;

    @BeforeEach
    void setUp() throws Exception {
        http = new DemoTestSupport(port);
        String line = Files.readAllLines(Path.of("demos/gc/Main.java"))
            .stream()
            .map(String::strip)
            .filter(l -> l.contains("<") && !l.contains("\"") && !l.contains("'") && !l.startsWith("*"))
            .findFirst()
            .orElseThrow();
        escapedLine = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void theTalkPageLinksToTheSourceInsteadOfCarryingIt() throws Exception {
        HttpResponse<String> talk = http.get("/talks/gc-in-golang", "Accept", "text/html");
        assertThat(talk.statusCode()).isEqualTo(200);
        assertThat(talk.body()).contains("<details class=\"demo-source\"", "hx-get=\"/demos/gc/source\"",
                "hx-trigger=\"toggle once\"", "href=\"/demos/gc/source\"")
            .doesNotContain(escapedLine)
            .doesNotContain("language-java");
    }

    @Test
    void theSourcePageShowsTheProgramEscapedAndAnswers304WhileUnchanged() throws Exception {
        HttpResponse<String> page = http.get("/demos/gc/source", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "Main.java", "Json.java", "class=\"language-java\"", escapedLine,
                "href=\"/demos/gc\"", ">← GC in Golang</a>");
        assertThat(page.headers().allValues("Vary")).anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("hx-request"));
        String etag = page.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/");

        HttpResponse<String> again = http.get("/demos/gc/source", "Accept", "text/html", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        // the ETag is weak, so the server still compresses the page
        assertThat(http.get("/demos/gc/source", "Accept", "text/html", "Accept-Encoding", "gzip")
            .headers()
            .firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void anHtmxRequestGetsOnlyTheFiles() throws Exception {
        HttpResponse<String> fragment = http.get("/demos/gc/source", "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body().strip()).startsWith("<div class=\"demo-source-files\">").endsWith("</div>");
        assertThat(fragment.body()).contains(escapedLine, "Main.java").doesNotContain("<html", "<header");

        HttpResponse<String> page = http.get("/demos/gc/source", "Accept", "text/html");
        assertThat(fragment.headers().firstValue("ETag")).isNotEqualTo(page.headers().firstValue("ETag"));
    }

    @Test
    void anUnknownDemoIsTheNotFoundPage() throws Exception {
        HttpResponse<String> missing = http.get("/demos/nope/source", "Accept", "text/html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("class=\"error-page\"");
        assertThat(http.get("/demos/..%2Fgc/source", "Accept", "text/html").statusCode()).isIn(400, 404);
        assertThat(http.get("/demos/GC/source", "Accept", "text/html").statusCode()).isEqualTo(404);
    }
}
