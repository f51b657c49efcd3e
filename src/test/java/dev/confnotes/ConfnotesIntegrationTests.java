package dev.confnotes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("confnotes.talks.dir", () -> WORK.resolve("talks").toString());
        registry.add("confnotes.talks.poll-interval", () -> "200ms");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + WORK.resolve("db/confnotes"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(WORK)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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
        for (String slug : new String[] { "no-such-talk", "%2e%2e", "..", "%252e%252e", "a".repeat(500), "x%3Cscript%3E" }) {
            HttpResponse<String> html = get("/talks/" + slug, "text/html");
            assertThat(html.statusCode()).as(slug).isEqualTo(404);
            assertThat(html.body()).as(slug).contains("페이지를 찾을 수 없습니다");
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
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] { "/", "/talks/go-testing", "/tags", "/follow-ups", "/api/talks", "/nope" }) {
            HttpResponse<String> response = get(path, "text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).isPresent();
        }
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
            Path talks = Files.createDirectories(work.resolve("talks"));
            try (Stream<Path> files = Files.list(Path.of("talks"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, talks.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return work;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
