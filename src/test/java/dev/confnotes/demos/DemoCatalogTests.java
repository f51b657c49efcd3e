package dev.confnotes.demos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.confnotes.talks.Catalog;
import dev.confnotes.talks.DemoAnswers;
import dev.confnotes.talks.MarkdownRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@ExtendWith(OutputCaptureExtension.class)
class DemoCatalogTests {

    @TempDir
    Path demos;

    final Catalog talks = mock(Catalog.class);

    DemoCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        DemosProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("confnotes.demos.dir", demos.toString())))
            .bindOrCreate("confnotes.demos", DemosProperties.class);
        catalog = new DemoCatalog(properties, new MarkdownRenderer(), talks);
        Path folder = Files.createDirectories(demos.resolve("hello"));
        Files.writeString(folder.resolve("demo.yml"), """
                id: hello
                title: 안녕
                titleEn: Hello
                talks: []
                main: Main.java
                params: []
                """);
        Files.writeString(folder.resolve("Main.java"), "class Main { public static void main(String[] a) { } }");
        Files.writeString(folder.resolve("explanation.ko.md"), "처음 설명");
    }

    @Test
    void showsTheProgramAndExplanationAsTheyAreOnceTheFolderIsSeenToChange() throws IOException {
        catalog.watch();
        assertThat(catalog.view("hello").explanationHtml(Locale.KOREAN)).contains("처음 설명");

        Files.writeString(demos.resolve("hello/explanation.ko.md"), "고친 설명, 더 길게");
        Files.writeString(demos.resolve("hello/Main.java"), "class Main { public static void main(String[] a) { int changed; } }");
        assertThat(catalog.view("hello").explanationHtml(Locale.KOREAN)).as("before the next look at the folder").contains("처음 설명");
        catalog.watch();

        DemoCatalog.DemoView view = catalog.view("hello");
        assertThat(view.explanationHtml(Locale.KOREAN)).contains("고친 설명");
        assertThat(view.sources().getFirst().text()).contains("int changed");
    }

    @Test
    void aDemoReadBeforeTheFirstLookAtTheFolderIsReadAgainAfterIt() throws IOException {
        assertThat(catalog.view("hello").explanationHtml(Locale.KOREAN)).contains("처음 설명");
        Files.writeString(demos.resolve("hello/explanation.ko.md"), "고친 설명, 더 길게");

        catalog.watch();

        assertThat(catalog.view("hello").explanationHtml(Locale.KOREAN)).contains("고친 설명");
    }

    @Test
    void aDemoWhoseManifestIsRemovedIsNoLongerADemoOnceTheFolderIsSeenToChange() throws IOException {
        assertThat(catalog.find("hello")).isPresent();

        Files.delete(demos.resolve("hello/demo.yml"));
        catalog.watch();

        assertThat(catalog.find("hello")).isEmpty();
    }

    @Test
    void aChangedDemoFolderDropsTheKeptPages() throws IOException {
        catalog.watch();
        catalog.watch();
        verify(talks, never()).pagesChanged();

        Files.writeString(demos.resolve("hello/explanation.ko.md"), "새 설명이 들어왔다");
        catalog.watch();

        verify(talks).pagesChanged();
    }

    @Test
    void aDemoWhoseFlagsSetTheHeapPastTheBudgetIsSkippedAndLoggedWithItsFolderAndFlag(CapturedOutput output)
            throws IOException {
        Path folder = Files.createDirectories(demos.resolve("greedy"));
        Files.writeString(folder.resolve("demo.yml"), """
                id: greedy
                title: 욕심
                main: Main.java
                jvmFlags: ["-XX:MaxHeapSize=64g"]
                """);
        Files.writeString(folder.resolve("Main.java"), "class Main { public static void main(String[] a) { } }");

        assertThat(catalog.find("greedy")).isEmpty();
        assertThat(output).contains("Demo greedy skipped: " + folder + "/demo.yml", "-XX:MaxHeapSize=64g");
        assertThat(catalog.find("hello")).isPresent();
    }

    @Test
    void theExplanationIsInThePagesLanguage() throws IOException {
        Files.writeString(demos.resolve("hello/explanation.en.md"), "First explanation");
        catalog.watch();

        assertThat(catalog.view("hello").explanationHtml(Locale.ENGLISH)).contains("First explanation");
        assertThat(catalog.view("hello").explanationHtml(Locale.KOREAN)).contains("처음 설명");
    }

    @Test
    void theSourceShowsTheProgramFirstThenTheSharedLibraryItLinksTo() throws IOException {
        Path library = Files.createDirectories(demos.resolve("demolib"));
        Files.writeString(library.resolve("Emit.java"), "package demolib; public final class Emit { }");
        Files.writeString(demos.resolve("hello/Other.java"), "class Other { }");
        Files.createSymbolicLink(demos.resolve("hello/demolib"), Path.of("../demolib"));
        catalog.watch();

        assertThat(catalog.view("hello").sources()).extracting(DemoCatalog.SourceFile::name)
            .containsExactly("Main.java", "Other.java", "demolib/Emit.java");
        assertThat(catalog.find("demolib")).as("the library is no demo").isEmpty();

        Files.writeString(library.resolve("Emit.java"), "package demolib; public final class Emit { int changed; }");
        catalog.watch();
        assertThat(catalog.view("hello").sources().getLast().text()).as("an edit of the library is seen")
            .contains("int changed");
    }

    @Test
    void aDemoWithABadViewOptionIsSkippedAndLoggedWithItsFolderAndKey(CapturedOutput output) throws IOException {
        Path folder = Files.createDirectories(demos.resolve("tabled"));
        Files.writeString(folder.resolve("demo.yml"), """
                id: tabled
                title: 표
                views:
                  - {kind: table, id: results, title: 결과, titleEn: Results, columns: [{key: a, label: 가, labelEn: A}], sortBy: b}
                """);
        Files.writeString(folder.resolve("Main.java"), "class Main { public static void main(String[] a) { } }");

        assertThat(catalog.find("tabled")).isEmpty();
        assertThat(output).contains("Demo tabled skipped: " + folder + "/demo.yml", "views.results.sortBy");
    }

    @Test
    void unknownOrTrickyIdsAreNotDemos() {
        for (String id : new String[] { "nope", "..", "../hello", "hello/../hello", "HELLO", "" }) {
            assertThat(catalog.find(id)).as(id).isEmpty();
        }
        assertThat(catalog.find("hello")).isPresent();
    }

    @Test
    void aFollowUpIsAnsweredByTheExplanationsSectionThatNamesItsKeyword() throws IOException {
        Files.writeString(demos.resolve("hello/demo.yml"), """
                id: hello
                title: 안녕
                talks: []
                main: Main.java
                params: []
                answers: [TODO, 더있는데]
                """);
        Files.writeString(demos.resolve("hello/explanation.ko.md"), """
                # 실험실
                ## 해볼 것
                TODO 를 눌러 보세요.
                ## TODO vs Background
                같습니다.
                ## 나머지 With* 함수 — 노트의 "더 있는데 놓침"
                """);
        catalog.watch();

        assertThat(catalog.answering(java.util.List.of("hello"), "TODO() 는 차이점이 있는데 놓침"))
            .contains(new DemoAnswers.DemoAnswer("hello", "todo-vs-background", "TODO vs Background"));
        assertThat(catalog.answering(java.util.List.of("hello"), "더있는데 놓침 더 찾아보고 작성하자"))
            .get().extracting(DemoAnswers.DemoAnswer::heading).isEqualTo("나머지 With* 함수 — 노트의 \"더 있는데 놓침\"");
        assertThat(catalog.answering(java.util.List.of("hello"), "Go Report Card 확인해보기")).isEmpty();
    }
}
