package dev.confnotes.talks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class CatalogSyncTests {

    @Autowired
    TalkRepository talks;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @TempDir
    Path dir;

    CatalogSync sync;

    @BeforeEach
    void setUp() {
        sync = new CatalogSync(talks, new TalksProperties(dir, false, Duration.ofSeconds(1)), event -> {
        }, Clock.systemUTC(), () -> "gc"::equals);
    }

    @Test
    void importsEveryTalkFileWithItsDayFromTheConferenceFile() throws IOException {
        write("conference.yml", "name: GopherCon Korea 2023\ndays:\n  - date: 2023-08-05\n  - date: 2023-08-06\n");
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 2));
        write("b.md", talk("gc-in-golang", "GC in Golang", "2023-08-06", 1));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.changedSlugs()).containsExactlyInAnyOrder("go-testing", "gc-in-golang");
        assertThat(result.problems()).isEmpty();
        assertThat(talks.findBySlug("gc-in-golang")).hasValueSatisfying(t -> {
            assertThat(t.getDay()).isEqualTo(2);
            assertThat(t.getDate()).isEqualTo(LocalDate.of(2023, 8, 6));
            assertThat(t.getSourceFile()).isEqualTo("b.md");
        });
        assertThat(sync.conference().name()).isEqualTo("GopherCon Korea 2023");
    }

    @Test
    void withoutAConferenceFileTheTalksOwnDatesNumberTheDays() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-06", 1));
        write("b.md", talk("gc-in-golang", "GC in Golang", "2023-08-05", 1));
        write("c.md", talk("ebpf-tracing", "eBPF", "2023-08-06", 2));

        sync.sync();

        assertThat(talks.findBySlug("gc-in-golang").orElseThrow().getDay()).isEqualTo(1);
        assertThat(talks.findBySlug("go-testing").orElseThrow().getDay()).isEqualTo(2);
        assertThat(talks.findBySlug("ebpf-tracing").orElseThrow().getDay()).isEqualTo(2);
    }

    @Test
    void aSecondSyncOfUnchangedFilesChangesNothing() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        sync.sync();
        var before = talks.findBySlug("go-testing").orElseThrow().getUpdatedAt();

        CatalogSync.SyncResult again = sync.sync();

        assertThat(again.changedSlugs()).isEmpty();
        assertThat(again.removedSlugs()).isEmpty();
        assertThat(talks.findBySlug("go-testing").orElseThrow().getUpdatedAt()).isEqualTo(before);
    }

    @Test
    void updatesAChangedFileAndRemovesADeletedOne() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        write("b.md", talk("gc-in-golang", "GC", "2023-08-05", 2));
        sync.sync();

        write("a.md", talk("go-testing", "GO 테스트의 거의 모든것", "2023-08-05", 1));
        Files.delete(dir.resolve("b.md"));
        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.changedSlugs()).containsExactly("go-testing");
        assertThat(result.removedSlugs()).containsExactly("gc-in-golang");
        assertThat(talks.findBySlug("go-testing").orElseThrow().getTitle()).isEqualTo("GO 테스트의 거의 모든것");
        assertThat(talks.findBySlug("gc-in-golang")).isEmpty();
    }

    @Test
    void keepsTheLastGoodVersionOfAFileThatBreaks() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        write("b.md", talk("gc-in-golang", "GC", "2023-08-05", 2));
        sync.sync();

        write("a.md", "---\nslug: go-testing\ntitle: [broken\n---\n본문");
        write("b.md", talk("gc-in-golang", "GC in Golang", "2023-08-05", 2));
        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("a.md");
            assertThat(problem.line()).isPositive();
        });
        assertThat(talks.findBySlug("go-testing").orElseThrow().getTitle()).isEqualTo("GO 테스트");
        assertThat(talks.findBySlug("gc-in-golang").orElseThrow().getTitle()).isEqualTo("GC in Golang");
    }

    @Test
    void skipsAFileThatIsNotUtf8() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        Files.write(dir.resolve("latin1.md"),
                talk("latin", "caf\u00e9", "2023-08-05", 2).getBytes(StandardCharsets.ISO_8859_1));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).singleElement()
            .satisfies(problem -> assertThat(problem.getMessage()).contains("latin1.md").contains("UTF-8"));
        assertThat(talks.findAll()).extracting(Talk::getSlug).containsExactly("go-testing");
    }

    @Test
    void reportsADuplicateSlugAndKeepsTheFirstFile() throws IOException {
        write("a.md", talk("go-testing", "첫 번째", "2023-08-05", 1));
        write("b.md", talk("go-testing", "두 번째", "2023-08-05", 2));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).singleElement()
            .satisfies(problem -> assertThat(problem.getMessage()).contains("b.md").contains("already used by a.md"));
        assertThat(talks.findBySlug("go-testing").orElseThrow().getTitle()).isEqualTo("첫 번째");
    }

    @Test
    void aFileThatChangesItsSlugMovesTheTalk() throws IOException {
        write("a.md", talk("old-slug", "발표", "2023-08-05", 1));
        sync.sync();

        write("a.md", talk("new-slug", "발표", "2023-08-05", 1));
        sync.sync();

        assertThat(talks.findAll()).extracting(Talk::getSlug).containsExactly("new-slug");
    }

    @Test
    void longNotesAreStoredWholeAsTextNotALargeObject() throws IOException {
        String longBody = "# 긴 노트\n" + "가나다라 마바사 GOGC pprof eBPF /proc\n".repeat(20_000);
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1).replace("# 본문\n노트\n", longBody));

        sync.sync();

        assertThat(talks.findBySlug("go-testing").orElseThrow().getBody()).isEqualTo(longBody.strip());
        String type = jdbc.queryForObject("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'TALK' AND column_name = 'BODY'", String.class);
        // H2's long text type; PostgreSQL gets text (PostgresIntegrationTests), not an oid large object.
        assertThat(type).isEqualTo("CHARACTER LARGE OBJECT");
    }

    @Test
    void aFieldTooLongForTheCatalogFailsOnlyItsFileAndLaterEditsStillLand() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        write("b.md", talk("gc-in-golang", "GC", "2023-08-05", 2));
        sync.sync();

        write("b.md", talk("gc-in-golang", "GC", "2023-08-05", 2).replace("speaker: 발표자", "speaker: " + "가".repeat(150)));
        write("a.md", talk("go-testing", "GO 테스트의 거의 모든것", "2023-08-05", 1));
        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("b.md");
            assertThat(problem.getMessage()).contains("'speaker' is longer than 100 characters");
        });
        assertThat(talks.findBySlug("go-testing").orElseThrow().getTitle()).isEqualTo("GO 테스트의 거의 모든것");
        assertThat(talks.findBySlug("gc-in-golang").orElseThrow().getSpeaker()).isEqualTo("발표자");
    }

    @Test
    void everyValueTheLimitsAllowFitsTheDatabase() throws IOException {
        String tags = String.join(", ", java.util.stream.IntStream.range(0, TalkLimits.TAGS)
            .mapToObj(i -> "t" + i + "x".repeat(TalkLimits.TAG - 1 - String.valueOf(i).length())).toList());
        String url = "https://example.org/" + "p".repeat(TalkLimits.LINK_URL - "https://example.org/".length());
        write("a.md", talk("s".repeat(TalkLimits.SLUG), "제".repeat(TalkLimits.TITLE), "2023-08-05", 1)
            .replace("speaker: 발표자", "speaker: " + "가".repeat(TalkLimits.SPEAKER) + "\ncompany: " + "회".repeat(TalkLimits.COMPANY))
            .replace("tags: [testing]", "tags: [" + tags + "]\nlinks:\n  - {title: \"" + "링".repeat(TalkLimits.LINK_TITLE)
                    + "\", url: \"" + url + "\"}"));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).isEmpty();
        Talk saved = talks.findBySlug("s".repeat(TalkLimits.SLUG)).orElseThrow();
        assertThat(saved.getCompany()).hasSize(TalkLimits.COMPANY);
        assertThat(saved.getTags()).hasSize(TalkLimits.TAGS);
        assertThat(saved.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.title()).hasSize(TalkLimits.LINK_TITLE);
            assertThat(link.url()).hasSize(TalkLimits.LINK_URL);
        });
    }

    @Test
    void aFileWithWindowsLineEndingsSyncsLikeAnyOther() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1).replace("\n", "\r\n"));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).isEmpty();
        assertThat(talks.findBySlug("go-testing").orElseThrow().getBody()).isEqualTo("# 본문\n노트");
    }

    @Test
    void anImpossibleDateKeepsTheLastGoodVersionAndAddsNoDay() throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1));
        sync.sync();

        write("a.md", talk("go-testing", "GO 테스트", "2023-13-45", 1));
        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.problems()).singleElement()
            .satisfies(problem -> assertThat(problem.getMessage()).contains("a.md:5").contains("2023-13-45"));
        assertThat(talks.findBySlug("go-testing").orElseThrow().getDate()).isEqualTo(LocalDate.of(2023, 8, 5));
    }

    @Test
    void aTalkNamingADemoThatDoesNotExistIsLoggedAndStillSynced(CapturedOutput output) throws IOException {
        write("a.md", talk("go-testing", "GO 테스트", "2023-08-05", 1).replace("tags: [testing]", "tags: [testing]\ndemos: [gc, fuzzing]"));

        CatalogSync.SyncResult result = sync.sync();

        assertThat(result.changedSlugs()).containsExactly("go-testing");
        assertThat(output).contains("Talk file a.md names demo 'fuzzing', which has no demo.yml").doesNotContain("demo 'gc'");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    static String talk(String slug, String title, String date, int order) {
        return """
                ---
                slug: %s
                title: "%s"
                speaker: 발표자
                date: %s
                order: %d
                tags: [testing]
                ---
                # 본문
                노트
                """.formatted(slug, title, date, order);
    }
}
