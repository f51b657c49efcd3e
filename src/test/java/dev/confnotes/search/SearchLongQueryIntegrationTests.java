package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A query of a thousand characters, sent through the real server (Jetty parses the request line
 * before the app sees it): answered by the app, cut to {@value SearchRequest#MAX_QUERY_LENGTH}
 * characters with a notice, in the site's layout and with its security headers.
 */
class SearchLongQueryIntegrationTests extends SearchIntegrationTestSupport {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aThousandHangulCharactersAreCutWithANoticeInTheSitesLayout() throws Exception {
        String query = "고루틴과 채널 ".repeat(125);
        assertThat(query).hasSize(1000);
        HttpResponse<String> page = get("/search", query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("site-header", "search-cut", "앞의 200자로", "<mark>고루틴과</mark>");
        HttpResponse<String> api = get("/api/search", query);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"cut\":true");
    }

    @Test
    void aQueryWithinTheLimitHasNoNotice() throws Exception {
        HttpResponse<String> page = get("/search", "고루틴");
        assertThat(page.body()).doesNotContain("search-cut");
    }
}
