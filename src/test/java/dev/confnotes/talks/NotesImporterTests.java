package dev.confnotes.talks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class NotesImporterTests {

    private static final Path SEED = Path.of("src/test/resources/seed/gophercon-korea-2023.txt");

    private static final Path COMMITTED_TALKS = Path.of("talks");

    private static final LocalDate DAY_1 = LocalDate.of(2023, 8, 5);

    private static final LocalDate DAY_2 = LocalDate.of(2023, 8, 6);

    // An old timestamp makes a rewrite visible even on file systems with coarse mtimes.
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    @TempDir
    Path tmp;

    @Test
    void readsTheSeedAsFourteenTalksOverTwoDays() throws IOException {
        ImportedNotes notes = NotesImporter.read(SEED);

        assertThat(notes.conferenceName()).isEqualTo("2023 고퍼콘");
        assertThat(notes.days()).containsExactly(DAY_1, DAY_2);
        assertThat(notes.talks()).hasSize(14);
        assertThat(notes.talks()).filteredOn(t -> t.date().equals(DAY_1)).hasSize(8);
        assertThat(notes.talks()).filteredOn(t -> t.date().equals(DAY_2)).hasSize(6);
    }

    @Test
    void readsTitleSpeakerCompanyDateAndOrderOfEveryTalk() throws IOException {
        ImportedNotes notes = NotesImporter.read(SEED);

        assertThat(notes.talks())
            .extracting(ImportedTalk::title, ImportedTalk::speaker, ImportedTalk::company, ImportedTalk::date,
                    ImportedTalk::order)
            .containsExactly(
                    tuple("Open Source In Go", "박남규", "LitmusChaos", DAY_1, 1),
                    tuple("GO 테스트의 거의 모든것", "김정민", "Samsung SDS", DAY_1, 2),
                    tuple("Golang 도입, 그리고 4년 간의 기록", "변규형", "당근마켓", DAY_1, 3),
                    tuple("컨텍스트를 이용한 상태 괸리", "권용민", "아프리카 TV", DAY_1, 4),
                    tuple("API 서버 테스트코드 A-Z: 케이스별 효과적인 테스트코드 작성 전략", "김진용", "룩코", DAY_1, 5),
                    tuple("Go와 K8S로 만드는 Datacenter 자동화", "박도형", "현대자동차", DAY_1, 6),
                    tuple("Profiling and Tracing Tips In Go: OLAP 데이터베이스를 개발하며 얻은 교훈들", "박재완", "AB180",
                            DAY_1, 7),
                    tuple("eBPF 도구를 이용해 Go 애플리케이션 추적하기", "임찬식", "라인플러스", DAY_1, 8),
                    tuple("Golang으로 서버 모니터링 툴 개발", "최정민", "와탑랩스", DAY_2, 1),
                    tuple("AWS Lambda in Go(with kafka)", "김수빈", "비바리퍼블리카", DAY_2, 2),
                    tuple("프로메테우스는 어떻게 쿠버네티스의 메트릭을 자동을 가지고 올까요?", "조훈", "메가존소프트", DAY_2, 3),
                    tuple("Scenario Tester: 인수 테스트 자동화로 자신감과 생산성 높이기", "김재원", "AB180", DAY_2, 4),
                    tuple("Golang과 함께 서버 레이턴시를 500배 개선한 후기", "박세현", "코리아포트원", DAY_2, 5),
                    tuple("GC in Golang", "라스", null, DAY_2, 6));
    }

    @Test
    void keepsAHeadingWithoutSpeakerInsideThePreviousTalk() throws IOException {
        ImportedNotes notes = NotesImporter.read(SEED);

        assertThat(notes.talks()).extracting(ImportedTalk::title).doesNotContain("Mamory Allocation");
        ImportedTalk gc = talkTitled(notes, "GC in Golang");
        assertThat(gc.body()).contains("\n# Mamory Allocation\n", "## P, M, G", "### GOGC & Soft Memory Limit");
        assertThat(gc.body().indexOf("# Mamory Allocation")).isGreaterThan(gc.body().indexOf("### write barrier"));
        assertThat(gc.body()).as("the last talk runs to the end of the file")
            .endsWith("- Office Hour 혹은 meeting note 확인해보기");
    }

    @Test
    void keepsBodiesAsWrittenTrimmingOnlyBlankEdges() throws IOException {
        ImportedNotes notes = NotesImporter.read(SEED);

        ImportedTalk apiTesting = notes.talks().get(4);
        // The writer's trailing space is part of the notes, not ours to tidy.
        assertThat(apiTesting.body()).contains("### 런타임에 정해지는 값들(시간, 랜덤값 등등) \n");
        assertThat(notes.talks().getFirst().body())
            .startsWith("https://github.com/namkyu1999/hello-microservices\n\n### 클라우드 네이티브가 Go 언어로 만들어진 이유")
            .endsWith("Google Summer of Code");
        assertThat(notes.talks()).allSatisfy(t -> {
            assertThat(t.body()).doesNotStartWith("\n").doesNotEndWith("\n");
            assertThat(t.body().lines().findFirst()).get().asString().isNotBlank();
        });
    }

    @Test
    void derivesStableReadableSlugsFromAsciiWordsOrPosition() throws IOException {
        assertThat(NotesParser.slugFor("GC in Golang", 2, 6)).isEqualTo("gc-in-golang");
        assertThat(NotesParser.slugFor("Go와 K8S로 만드는 Datacenter 자동화", 1, 6)).isEqualTo("go-k8s-datacenter");
        assertThat(NotesParser.slugFor("컨텍스트를 이용한 상태 괸리", 1, 4)).isEqualTo("day1-talk4");
        assertThat(NotesParser.slugFor("2023년 회고", 2, 1)).isEqualTo("day2-talk1");

        List<String> slugs = NotesImporter.read(SEED).talks().stream().map(ImportedTalk::slug).toList();
        assertThat(slugs).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(NotesImporter.read(SEED).talks()).extracting(ImportedTalk::slug).isEqualTo(slugs);
    }

    @Test
    void writesTalkFilesAndConferenceFileInTheCatalogFormat() throws IOException {
        new NotesImporter().importInto(NotesImporter.read(SEED), this.tmp);

        assertThat(markdownFiles(this.tmp)).hasSize(14);
        assertThat(Files.readString(this.tmp.resolve("go.md"))).startsWith("""
                ---
                slug: go
                title: GO 테스트의 거의 모든것
                speaker: 김정민
                company: Samsung SDS
                date: 2023-08-05
                order: 2
                tags: []
                demos: []
                links: []
                ---
                Testing과 Testify가 주로 사용된다.""");
        assertThat(Files.readString(this.tmp.resolve("gc-in-golang.md"))).doesNotContain("company:");
        assertThat(Files.readString(this.tmp.resolve(NotesImporter.CONFERENCE_FILE))).isEqualTo("""
                name: 2023 고퍼콘
                nameKo: 2023 고퍼콘
                days:
                  - date: 2023-08-05
                  - date: 2023-08-06
                """);
    }

    @Test
    void quotesTitlesSoTheFrontMatterReadsBackAsWritten() throws IOException {
        new NotesImporter().importInto(NotesImporter.read(SEED), this.tmp);

        Map<String, Object> fm = frontMatter(this.tmp.resolve("scenario-tester.md"));
        assertThat(fm).containsEntry("title", "Scenario Tester: 인수 테스트 자동화로 자신감과 생산성 높이기")
            .containsEntry("order", 4);
    }

    @Test
    void reimportOverCuratedFilesKeepsThemAndRewritesNothing() throws IOException {
        copyCommittedTalksTo(this.tmp);
        Map<Path, String> before = contents(this.tmp);
        for (Path file : before.keySet()) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }

        NotesImporter.Result result = new NotesImporter().importInto(NotesImporter.read(SEED), this.tmp);

        assertThat(result.written()).isEmpty();
        assertThat(result.unchanged()).hasSize(15);
        assertThat(result.notInNotes()).isEmpty();
        assertThat(contents(this.tmp)).isEqualTo(before);
        for (Path file : before.keySet()) {
            assertThat(Files.getLastModifiedTime(file)).as(file.toString()).isEqualTo(LONG_AGO);
        }
    }

    @Test
    void reimportOfChangedNotesRewritesThatTalkButKeepsItsCuratedMetadata() throws IOException {
        copyCommittedTalksTo(this.tmp);
        for (Path file : contents(this.tmp).keySet()) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }
        String seed = Files.readString(SEED);
        String edited = seed.replace("TODO() 컨텍스트는", "TODO() 컨텍스트(추가 메모)는");
        assertThat(edited).isNotEqualTo(seed);

        NotesImporter.Result result = new NotesImporter()
            .importInto(NotesParser.parse(edited.getBytes(StandardCharsets.UTF_8)), this.tmp);

        Path context = this.tmp.resolve("context-state-management.md");
        assertThat(result.written()).containsExactly(context);
        assertThat(Files.getLastModifiedTime(context)).isNotEqualTo(LONG_AGO);
        Map<String, Object> fm = frontMatter(context);
        assertThat(fm).containsEntry("slug", "context-state-management")
            .containsEntry("title", "컨텍스트를 이용한 상태 관리")
            .containsEntry("tags", List.of("context", "concurrency"))
            .containsEntry("demos", List.of("context"));
        assertThat(NotesImporter.bodyOf(Files.readString(context))).contains("TODO() 컨텍스트(추가 메모)는");
        assertThat(Files.getLastModifiedTime(this.tmp.resolve("gc-in-golang.md"))).isEqualTo(LONG_AGO);
    }

    @Test
    void reimportOfChangedNotesKeepsTheAuthorsAnswersToFollowUps() throws Exception {
        copyCommittedTalksTo(this.tmp);
        String edited = Files.readString(SEED).replace("Office Hour 혹은", "Office Hour(추가 메모) 혹은");
        List<FollowUpAnswer> answers = TalkFileParser.parse("gc-in-golang.md",
                Files.readAllBytes(COMMITTED_TALKS.resolve("gc-in-golang.md"))).answers();
        assertThat(answers).hasSize(2);

        NotesImporter.Result result = new NotesImporter()
            .importInto(NotesParser.parse(edited.getBytes(StandardCharsets.UTF_8)), this.tmp);

        Path gc = this.tmp.resolve("gc-in-golang.md");
        assertThat(result.written()).containsExactly(gc);
        TalkDocument rewritten = TalkFileParser.parse("gc-in-golang.md", Files.readAllBytes(gc));
        assertThat(rewritten.body()).contains("Office Hour(추가 메모) 혹은");
        assertThat(rewritten.answers()).isEqualTo(answers);
    }

    @Test
    void importLeavesOtherMarkdownAloneAndNeverWritesOverIt() throws IOException {
        Files.writeString(this.tmp.resolve("go.md"), "# Not a talk\n\nhand-written\n");

        NotesImporter.Result result = new NotesImporter().importInto(NotesImporter.read(SEED), this.tmp);

        assertThat(Files.readString(this.tmp.resolve("go.md"))).isEqualTo("# Not a talk\n\nhand-written\n");
        assertThat(frontMatter(this.tmp.resolve("go-2.md"))).containsEntry("slug", "go-2");
        assertThat(result.written()).hasSize(15);
    }

    @Test
    void brokenFrontMatterInTalksDirStopsTheImportNamingTheFileAndLine() throws IOException {
        Path broken = this.tmp.resolve("broken.md");
        Files.writeString(broken, "---\nslug: broken\ntags: [unclosed\n---\nbody\n");

        assertThatExceptionOfType(NotesFormatException.class)
            .isThrownBy(() -> new NotesImporter().importInto(NotesImporter.read(SEED), this.tmp))
            .withMessageContaining("broken.md, line ");
        assertThat(markdownFiles(this.tmp)).containsExactly(broken);
    }

    @Test
    void talkBeforeAnyDateLineIsReportedWithItsLine() {
        String notes = "# 2023 고퍼콘\n\n# Open Source In Go - 박남규님, LitmusChaos\n\nnotes\n";

        assertThatExceptionOfType(NotesFormatException.class)
            .isThrownBy(() -> NotesParser.parse(notes.getBytes(StandardCharsets.UTF_8)))
            .satisfies(ex -> assertThat(ex.line()).isEqualTo(3))
            .withMessageContaining("line 3")
            .withMessageContaining("before any date line");
    }

    @Test
    void fileThatIsNotUtf8IsReportedWithTheLineOfTheBadByte() throws IOException {
        byte[] korean = "# 2023 고퍼콘\n\n2023년 8월 5일(토)\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] eucKr = "# 테스트 - 김정민님\n".getBytes("EUC-KR");
        byte[] bytes = new byte[korean.length + eucKr.length];
        System.arraycopy(korean, 0, bytes, 0, korean.length);
        System.arraycopy(eucKr, 0, bytes, korean.length, eucKr.length);

        assertThatExceptionOfType(NotesFormatException.class).isThrownBy(() -> NotesParser.parse(bytes))
            .withMessageContaining("line 5")
            .withMessageContaining("not UTF-8");
    }

    @Test
    void emptyFileIsReportedAsEmpty() {
        assertThatExceptionOfType(NotesFormatException.class).isThrownBy(() -> NotesParser.parse(new byte[0]))
            .withMessageContaining("line 1")
            .withMessageContaining("empty");
        assertThatExceptionOfType(NotesFormatException.class)
            .isThrownBy(() -> NotesParser.parse("\n  \n".getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("empty");
    }

    @Test
    void impossibleDateAndDaysOutOfOrderAreReportedWithTheirLine() {
        String badDate = "# 2023 고퍼콘\n2023년 2월 30일(목)\n# A - B님\nx\n";
        assertThatExceptionOfType(NotesFormatException.class)
            .isThrownBy(() -> NotesParser.parse(badDate.getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("line 2");

        String backwards = "# 2023 고퍼콘\n2023년 8월 6일(일)\n# A - B님\nx\n2023년 8월 5일(토)\n# C - D님\n";
        assertThatExceptionOfType(NotesFormatException.class)
            .isThrownBy(() -> NotesParser.parse(backwards.getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("line 5");
    }

    @Test
    void commandLineReportsBadInputWithoutAStackTrace() throws IOException {
        Path notes = this.tmp.resolve("notes.txt");
        Files.writeString(notes, "# 2023 고퍼콘\n\n# GC in Golang - 라스님\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = NotesImporter.run(new String[] { notes.toString(), this.tmp.resolve("talks").toString() },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(message).contains("notes.txt, line 3:").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(this.tmp.resolve("talks")).doesNotExist();

        int missing = NotesImporter.run(new String[] { this.tmp.resolve("nope.txt").toString() },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void commandLineImportsTheSeedIntoTheGivenDirectory() throws IOException {
        Path talks = this.tmp.resolve("talks");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = NotesImporter.run(new String[] { SEED.toString(), talks.toString() },
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(markdownFiles(talks)).hasSize(14);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported 14 talks over 2 days");
    }

    @Test
    void committedTalkBodiesAreExactlyWhatTheImporterReadsFromTheSeed() throws IOException {
        ImportedNotes notes = NotesImporter.read(SEED);
        Map<String, Path> byDayAndOrder = new HashMap<>();
        for (Path file : markdownFiles(COMMITTED_TALKS)) {
            Map<String, Object> fm = frontMatter(file);
            byDayAndOrder.put(fm.get("date") + "#" + fm.get("order"), file);
        }

        assertThat(byDayAndOrder).hasSize(14);
        for (ImportedTalk talk : notes.talks()) {
            Path file = byDayAndOrder.get(talk.date() + "#" + talk.order());
            assertThat(file).as(talk.title()).isNotNull();
            assertThat(NotesImporter.bodyOf(Files.readString(file))).as(file.toString()).isEqualTo(talk.body());
            assertThat(frontMatter(file)).as(file.toString()).containsEntry("speaker", talk.speaker());
        }
    }

    @Test
    void committedTalksCarryCuratedSlugsTagsAndDemos() throws IOException {
        Map<String, Map<String, Object>> bySlug = new HashMap<>();
        for (Path file : markdownFiles(COMMITTED_TALKS)) {
            Map<String, Object> fm = frontMatter(file);
            String slug = (String) fm.get("slug");
            assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(file.getFileName()).hasToString(slug + ".md");
            assertThat(fm.get("tags")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .as(slug)
                .hasSizeBetween(2, 5)
                .allMatch(tag -> tag.matches("[a-z0-9]+(-[a-z0-9]+)*"));
            bySlug.put(slug, fm);
        }

        assertThat(bySlug).containsKeys("open-source-in-go", "go-testing", "context-state-management", "gc-in-golang",
                "server-monitoring-tool");
        assertThat(bySlug.get("context-state-management")).containsEntry("demos", List.of("context"))
            .containsEntry("title", "컨텍스트를 이용한 상태 관리");
        assertThat(bySlug.get("gc-in-golang")).containsEntry("demos", List.of("gc"));
        assertThat(bySlug.get("server-monitoring-tool")).containsEntry("demos", List.of("proc-monitor"));
        // every other talk has the demo named after it
        assertThat(bySlug.values()).filteredOn(fm -> !List.of("context-state-management", "gc-in-golang",
                "server-monitoring-tool").contains(fm.get("slug")))
            .hasSize(11)
            .allSatisfy(fm -> assertThat(fm).containsEntry("demos", List.of(fm.get("slug"))));
        assertThat(Files.readString(COMMITTED_TALKS.resolve(NotesImporter.CONFERENCE_FILE)))
            .startsWith("name: GopherCon Korea 2023\nnameKo: 2023 고퍼콘\n");
    }

    private static ImportedTalk talkTitled(ImportedNotes notes, String title) {
        return notes.talks().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
    }

    private static List<Path> markdownFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private static void copyCommittedTalksTo(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(COMMITTED_TALKS)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static Map<Path, String> contents(Path dir) throws IOException {
        Map<Path, String> contents = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file, Files.readString(file));
            }
        }
        return contents;
    }

    private static Map<String, Object> frontMatter(Path file) throws IOException {
        String text = Files.readString(file);
        String yaml = text.substring(4, text.indexOf("\n---\n"));
        Map<String, Object> fm = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        // SnakeYAML reads a bare date as a timestamp; compare days, as the catalog does.
        fm.computeIfPresent("date", (k, v) -> (v instanceof java.util.Date d)
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate() : v);
        return fm;
    }
}
