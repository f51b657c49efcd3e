package dev.confnotes.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.confnotes.talks.CatalogSync;
import dev.confnotes.talks.Talk;
import dev.confnotes.talks.TalkFileException;
import dev.confnotes.talks.TalkFileParser;
import dev.confnotes.talks.TalkRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app on the {@code postgres} profile against a real PostgreSQL server, over a copy of the real
 * {@code talks/} folder, in a schema of its own: catalog sync, search and run history.
 */
@PostgresTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresIntegrationTests {

    static final Path WORK = copyOfTalks();

    @Autowired
    CatalogSync sync;

    @Autowired
    TalkRepository talks;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("confnotes.talks.dir", () -> WORK.resolve("talks").toString());
        // The tests sync by hand, so nothing syncs behind their back.
        registry.add("confnotes.talks.watch", () -> "false");
        registry.add("spring.datasource.url", () -> PostgresAvailable.freshSchema("catalog_tests"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        FileSystemUtils.deleteRecursively(WORK);
    }

    @Test
    void runsOnPostgresql() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void importsTheFourteenTalksWithTheirNotesWhole() throws Exception {
        assertThat(talks.count()).isEqualTo(14);
        for (String slug : new String[] { "gc-in-golang", "context-state-management", "go-testing" }) {
            Talk talk = talks.findBySlug(slug).orElseThrow();
            String file = talk.getSourceFile();
            assertThat(talk.getBody()).as(slug)
                .isEqualTo(TalkFileParser.parse(file, Files.readAllBytes(WORK.resolve("talks").resolve(file))).body());
        }
        assertThat(talks.findBySlug("gc-in-golang").orElseThrow().getTags()).isNotEmpty();
    }

    @Test
    void theNotesAreTextInTheRowNotALargeObject() {
        String type = jdbc.queryForObject("SELECT data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'talk' AND column_name = 'body'", String.class);
        assertThat(type).isEqualTo("text");
    }

    @Test
    void aSecondSyncChangesNothing() {
        CatalogSync.SyncResult again = sync.sync();

        assertThat(again.changedSlugs()).isEmpty();
        assertThat(again.removedSlugs()).isEmpty();
        assertThat(again.problems()).isEmpty();
        assertThat(talks.count()).isEqualTo(14);
    }

    @Test
    void aBrokenFileIsNamedAndKeepsItsLastGoodVersion() throws Exception {
        Path file = WORK.resolve("talks/aws-lambda-kafka.md");
        String original = Files.readString(file);
        try {
            Files.writeString(file, "---\nslug: aws-lambda-kafka\ntitle: [broken\n---\n");

            CatalogSync.SyncResult result = sync.sync();

            assertThat(result.problems()).extracting(TalkFileException::file).containsExactly("aws-lambda-kafka.md");
            assertThat(result.problems().getFirst().line()).isPositive();
            assertThat(talks.findBySlug("aws-lambda-kafka").orElseThrow().getTitle()).isEqualTo("AWS Lambda in Go(with kafka)");
            HttpResponse<String> page = get("/talks/aws-lambda-kafka");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("AWS Lambda in Go");
        }
        finally {
            Files.writeString(file, original);
            sync.sync();
        }
    }

    @Test
    void servesThePagesAndTheApiFromPostgresql() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("발표 14개");

        HttpResponse<String> talk = get("/talks/gc-in-golang");
        assertThat(talk.statusCode()).isEqualTo(200);
        assertThat(talk.body()).contains("<h1>GC in Golang</h1>", "Tri-color");

        HttpResponse<String> api = get("/api/talks");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"slug\":\"gc-in-golang\"");
    }

    @Test
    void searchFindsKoreanAndMixedTermsInTheCatalogFromPostgresql() throws Exception {
        HttpResponse<String> korean = get("/api/search?q=" + java.net.URLEncoder.encode("고루틴", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(korean.statusCode()).isEqualTo(200);
        assertThat(korean.body()).contains("\"slug\":\"");

        HttpResponse<String> mixed = get("/api/search?q=GOGC");
        assertThat(mixed.statusCode()).isEqualTo(200);
        assertThat(mixed.body()).contains("\"slug\":\"gc-in-golang\"");
    }

    @Test
    void aDemoRunIsRecordedInPostgresqlAndReplays() throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/demos/context/runs"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"shape\":\"fanout\",\"timeoutMs\":400,\"workMs\":200}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(201);
        String id = started.body().replaceAll("(?s).*\"id\":\"([a-z0-9]+)\".*", "$1");

        String outcome = null;
        for (int i = 0; i < 300 && !"FINISHED".equals(outcome); i++) {
            Thread.sleep(100);
            outcome = jdbc.query("SELECT outcome FROM demo_run WHERE id = ?", rs -> rs.next() ? rs.getString(1) : null, id);
        }
        assertThat(outcome).isEqualTo("FINISHED");
        Integer events = jdbc.queryForObject("SELECT event_count FROM demo_run WHERE id = ?", Integer.class, id);
        assertThat(events).isPositive();

        HttpResponse<String> replay = get("/runs/" + id);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(get("/demos/context/runs").body()).contains(id);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path copyOfTalks() {
        try {
            Path work = Files.createTempDirectory("confnotes-pg");
            FileSystemUtils.copyRecursively(Path.of("talks"), work.resolve("talks"));
            return work;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
