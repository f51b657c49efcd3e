package dev.confnotes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole app on a random port, over a copy of the real {@code talks/} folder and a real H2
 * database file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfnotesIntegrationTests {

    static final Path WORK = createWorkDir();

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("confnotes.talks.dir", () -> WORK.resolve("talks").toString());
        registry.add("confnotes.talks.poll-interval", () -> "200ms");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + WORK.resolve("db/confnotes"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        FileSystemUtils.deleteRecursively(WORK);
    }

    @Test
    void servesTheFourteenTalksOfTheRealContent() throws Exception {
        HttpResponse<String> home = get("/", "text/html");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("2023 고퍼콘", "발표 14개", "1일차", "2일차");
        assertThat(home.body().split("class=\"talk-card\"")).hasSize(15);

        HttpResponse<String> api = get("/api/talks", "application/json");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(api.body()).contains("\"slug\":\"gc-in-golang\"", "\"speaker\":\"라스\"");
    }

    @Test
    void talkPageRendersTheNotesWithTheGcMemorySection() throws Exception {
        HttpResponse<String> page = get("/talks/gc-in-golang", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>GC in Golang</h1>", "Mamory Allocation", "Tri-color");
    }

    @Test
    void unknownAndTrickySlugsAre404InHtmlAndJson() throws Exception {
        for (String slug : new String[] { "no-such-talk", "..", "a".repeat(500), "x%3Cscript%3E" }) {
            HttpResponse<String> html = get("/talks/" + slug, "text/html");
            assertThat(html.statusCode()).as(slug).isEqualTo(404);
            assertThat(html.body()).as(slug).contains("<p class=\"error-code\">404</p>")
                .containsAnyOf("없는 발표입니다", "페이지를 찾을 수 없습니다");
            HttpResponse<String> json = get("/api/talks/" + slug, "application/json");
            assertThat(json.statusCode()).as(slug).isEqualTo(404);
            assertThat(json.body()).as(slug).contains("\"status\":404").doesNotContain("trace", "Exception");
        }
    }

    @Test
    void encodedSlashesAndNullBytesNeverCauseAServerError() throws Exception {
        for (String path : new String[] { "/talks/..%2f..%2fetc%2fpasswd", "/talks/a%00b", "/api/talks/%00" }) {
            assertThat(get(path, "text/html").statusCode()).as(path).isBetween(400, 404);
        }
    }

    @Test
    void everyKindOfPageCarriesTheSecurityHeaders() throws Exception {
        String css = linkedAssets(get("/", "text/html").body()).stream().filter(u -> u.endsWith(".css")).findFirst().orElseThrow();
        String[][] pages = { { "/", "text/html" }, { "/talks/go-testing", "text/html" }, { "/tags", "text/html" },
                { "/tags/gc", "text/html" }, { "/follow-ups", "text/html" }, { "/nope", "text/html" },
                { "/talks/no-such-talk", "text/html" }, { "/api/talks", "application/json" },
                { "/api/talks/gc-in-golang", "application/json" }, { "/api/talks/nope", "application/json" },
                { "/css/confnotes.css", "text/css" }, { css, "text/css" } };
        for (String[] page : pages) {
            // Twice: the second answer of a cached page comes from the page cache, not the controller.
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = get(page[0], page[1]);
                assertThat(response.statusCode()).as(page[0]).isIn(200, 404);
                assertThat(response.headers().firstValue("Content-Security-Policy")).as(page[0])
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'",
                            "object-src 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(page[0]).hasValue("nosniff");
                assertThat(response.headers().firstValue("Referrer-Policy")).as(page[0])
                    .hasValue("strict-origin-when-cross-origin");
                assertThat(response.headers().firstValue("X-Frame-Options")).as(page[0]).hasValue("DENY");
            }
        }
    }

    @Test
    void pagesAndTheApiAnswer304ToACurrentEtagOrDate() throws Exception {
        for (String path : new String[] { "/", "/talks/gc-in-golang", "/tags", "/tags/gc", "/follow-ups", "/api/talks",
                "/api/talks/gc-in-golang" }) {
            HttpResponse<String> first = get(path, "*/*");
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");

            HttpResponse<String> byEtag = send(path, "If-None-Match", etag);
            assertThat(byEtag.statusCode()).as(path).isEqualTo(304);
            assertThat(byEtag.body()).isEmpty();
            assertThat(send(path, "If-Modified-Since", lastModified).statusCode()).as(path).isEqualTo(304);
            assertThat(send(path, "If-None-Match", "W/\"stale\"").statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, "*/*").body()).as(path).isEqualTo(first.body());
        }
    }

    @Test
    void aKeptPageAnsweredByTheServerIsTheAppsOwnAnswer() throws Exception {
        String[][] variants = { {}, { "Cookie", "confnotes-lang=en" }, { "Accept-Encoding", "gzip" },
                { "Cookie", "confnotes-lang=en", "Accept-Encoding", "gzip" }, { "HX-Request", "true" } };
        for (String path : new String[] { "/talks/go-testing", "/tags", "/api/talks/gc-in-golang" }) {
            for (String[] headers : variants) {
                String label = path + " " + String.join(" ", headers);
                HttpResponse<byte[]> first = sendBytes(path, headers);
                HttpResponse<byte[]> kept = sendBytes(path, headers);
                assertThat(kept.statusCode()).as(label).isEqualTo(200);
                assertThat(kept.body()).as(label).isEqualTo(first.body());
                var firstHeaders = new java.util.TreeMap<>(first.headers().map());
                var keptHeaders = new java.util.TreeMap<>(kept.headers().map());
                firstHeaders.remove("date");
                keptHeaders.remove("date");
                assertThat(keptHeaders).as(label).isEqualTo(firstHeaders);
            }
        }
        HttpResponse<byte[]> english = sendBytes("/talks/go-testing", "Cookie", "confnotes-lang=en");
        assertThat(new String(english.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<html lang=\"en\"");
        assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
        HttpResponse<byte[]> madeUp = sendBytes("/talks/go-testing", "Cookie", "confnotes-lang=xx-YY");
        assertThat(new String(madeUp.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<html lang=\"ko\"");
    }

    private HttpResponse<byte[]> sendBytes(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void cachedPagesKeepEachLanguageApart() throws Exception {
        assertThat(get("/", "text/html").body()).contains("발표 14개");
        HttpResponse<String> english = get("/?lang=en", "text/html");
        assertThat(english.body()).contains("14 talks");
        assertThat(english.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("confnotes-lang=en"));

        assertThat(send("/", "Cookie", "confnotes-lang=en").body()).contains("14 talks");
        assertThat(get("/", "text/html").body()).contains("발표 14개").doesNotContain("14 talks");
    }

    @Test
    void errorsAreNeitherCachedNorTagged() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> missing = get("/talks/no-such-talk", "text/html");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("ETag")).isEmpty();
        }
    }

    @Test
    void pagesLinkFingerprintedAssetsThatAreCachedForAYear() throws Exception {
        List<String> assets = linkedAssets(get("/talks/gc-in-golang", "text/html").body());

        assertThat(assets).isNotEmpty()
            .allSatisfy(url -> assertThat(url).matches(".*-[0-9a-f]{32}\\.(css|js|svg)"))
            .anySatisfy(url -> assertThat(url).startsWith("/webjars/htmx.org/").endsWith(".js"))
            .anySatisfy(url -> assertThat(url).startsWith("/css/"));
        for (String url : assets) {
            HttpResponse<String> asset = get(url, "*/*");
            assertThat(asset.statusCode()).as(url).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).as(url).hasValue("public, max-age=31536000, immutable");
        }
        HttpResponse<String> plain = get("/css/confnotes.css", "text/css");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
        HttpResponse<String> wrongHash = get("/css/confnotes-0123456789abcdef0123456789abcdef.css", "text/css");
        assertThat(wrongHash.statusCode()).isEqualTo(404);
        assertThat(wrongHash.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
    }

    @Test
    void pagesStylesAndScriptsAreCompressed() throws Exception {
        String css = linkedAssets(get("/", "text/html").body()).stream().filter(u -> u.endsWith(".css")).findFirst().orElseThrow();
        String htmx = linkedAssets(get("/", "text/html").body()).stream().filter(u -> u.contains("htmx.min")).findFirst().orElseThrow();
        for (String path : new String[] { "/", "/talks/gc-in-golang", "/api/talks", css, htmx }) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                byte[] unzipped = in.readAllBytes();
                assertThat(unzipped.length).as(path).isGreaterThan(response.body().length);
                if (!path.startsWith("/css") && !path.startsWith("/webjars")) {
                    // a kept page is compressed once and served as is: it must be the same page
                    assertThat(new String(unzipped, java.nio.charset.StandardCharsets.UTF_8)).as(path)
                        .isEqualTo(get(path, "*/*").body());
                }
            }
        }
    }

    @Test
    void aLanguageCookieThatIsNoLanguageServesTheKoreanPage() throws Exception {
        for (String cookie : new String[] { "%3Cx%3E", "x%20y", "a..b", "%00", "fr", "en-US-x-" + "y".repeat(40) }) {
            for (String path : new String[] { "/", "/talks/go-testing", "/tags", "/tags/gc", "/follow-ups", "/search?q=gc" }) {
                HttpResponse<String> response = send(path, "Cookie", "confnotes-lang=" + cookie);
                assertThat(response.statusCode()).as(path + " with " + cookie).isEqualTo(200);
                assertThat(response.body()).as(path + " with " + cookie).contains("lang=\"ko\"");
            }
        }
    }

    @Test
    void madeUpLanguageCookiesShareTheKoreanCopyOfACachedPage() throws Exception {
        get("/talks/gc-in-golang", "text/html");
        double missesBefore = pageCacheMisses();
        for (int i = 0; i < 50; i++) {
            assertThat(send("/talks/gc-in-golang", "Cookie", "confnotes-lang=zz" + i).statusCode()).isEqualTo(200);
        }
        assertThat(pageCacheMisses()).as("pages rendered for made-up languages").isEqualTo(missesBefore);
    }

    @Test
    void matrixParametersAndTheBareErrorPathAreNotPages() throws Exception {
        for (String path : new String[] { "/talks/go-testing;jsessionid=1", "/;x=1", "/tags;a", "/error" }) {
            HttpResponse<String> response = get(path, "text/html");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("999");
        }
        assertThat(get("/error", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void requestsTheServerRefusesGetTheSitesPageAndHeaders() throws Exception {
        // Ambiguous paths (an encoded dot segment or percent sign) are refused, as Servlet 6 asks.
        String[] requestLines = { "GET /talks/%2e%2e HTTP/1.1", "GET /talks/%252e%252e HTTP/1.1", "GET /talks/a%00b HTTP/1.1", "GET /talks/..%2f..%2fetc HTTP/1.1", "GET /talks/a%5cb HTTP/1.1",
                "GET /talks/%zz HTTP/1.1", "GET /talks/a\\b HTTP/1.1", "GET /" + "x".repeat(20_000) + " HTTP/1.1" };
        for (String requestLine : requestLines) {
            String answer = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String label = requestLine.substring(0, Math.min(40, requestLine.length()));
            assertThat(answer).as(label).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            assertThat(answer).as(label).contains("Content-Security-Policy: default-src 'self'", "X-Content-Type-Options: nosniff")
                .contains("confnotes").doesNotContain("Jetty", "Exception");
        }
        String api = raw("GET /api/talks/%2e%2e HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(api).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json", "\"status\":400")
            .doesNotContain("<html", "Jetty");
        String bigHeader = raw("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).matches("(?s)HTTP/1\\.1 4\\d\\d .*").contains("X-Content-Type-Options: nosniff").doesNotContain("Jetty");
    }

    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.net.SocketException ex) {
            return "connection closed: " + ex.getMessage();
        }
    }

    private double pageCacheMisses() {
        return meters.get("confnotes.pages.cache").tag("result", "miss").counter().count();
    }

    private HttpResponse<String> send(String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> linkedAssets(String html) {
        Matcher m = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+|/favicon[^\"]*)\"").matcher(html);
        List<String> urls = new java.util.ArrayList<>();
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }

    @Test
    void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
        assertThat(get("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/info", "application/json").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "text/plain").body()).contains("jvm_memory_used_bytes");
        for (String hidden : new String[] { "env", "beans", "heapdump", "threaddump", "configprops", "loggers" }) {
            assertThat(get("/actuator/" + hidden, "application/json").statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void anEditedTalkFileShowsOnTheSiteWithinTwoSeconds() throws Exception {
        Path file = WORK.resolve("talks/ebpf-tracing.md");
        String original = Files.readString(file);
        Files.writeString(file, original.replace("\n---\n", "\n---\n편집한 문장이 보인다\n\n"));

        long deadline = System.nanoTime() + 2_000_000_000L;
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            seen = get("/talks/ebpf-tracing", "text/html").body().contains("편집한 문장이 보인다");
            if (!seen) {
                Thread.sleep(100);
            }
        }
        assertThat(seen).as("edit visible within 2 s").isTrue();
    }

    @Test
    void aBrokenTalkFileKeepsItsLastGoodVersion() throws Exception {
        Path file = WORK.resolve("talks/aws-lambda-kafka.md");
        Files.writeString(file, "---\nslug: aws-lambda-kafka\ntitle: [broken\n---\n");
        Thread.sleep(1_000);

        HttpResponse<String> page = get("/talks/aws-lambda-kafka", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("AWS Lambda in Go");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", accept)
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Path createWorkDir() {
        try {
            Path work = Files.createTempDirectory("confnotes-it");
            FileSystemUtils.copyRecursively(Path.of("talks"), work.resolve("talks"));
            return work;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
