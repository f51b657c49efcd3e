package dev.confnotes.talks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TalkFileParserTests {

    static final String VALID = """
            ---
            slug: go-testing
            title: "GO 테스트의 거의 모든것"
            speaker: 김정민
            company: Samsung SDS
            date: 2023-08-05
            order: 2
            tags: [Testing, fuzzing]
            demos: [gc]
            links:
              - {title: 슬라이드, url: "https://example.org/slides"}
            ---
            # 테스트

            본문 그대로
            """;

    static TalkDocument parse(String text) throws TalkFileException {
        return TalkFileParser.parse("talk.md", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFrontMatterAndKeepsTheBody() throws Exception {
        TalkDocument doc = parse(VALID);

        assertThat(doc.slug()).isEqualTo("go-testing");
        assertThat(doc.title()).isEqualTo("GO 테스트의 거의 모든것");
        assertThat(doc.speaker()).isEqualTo("김정민");
        assertThat(doc.company()).isEqualTo("Samsung SDS");
        assertThat(doc.date()).isEqualTo(LocalDate.of(2023, 8, 5));
        assertThat(doc.order()).isEqualTo(2);
        assertThat(doc.tags()).containsExactly("testing", "fuzzing");
        assertThat(doc.demos()).containsExactly("gc");
        assertThat(doc.links()).containsExactly(new TalkLink("슬라이드", "https://example.org/slides"));
        assertThat(doc.body()).isEqualTo("# 테스트\n\n본문 그대로");
    }

    @Test
    void namesTheLineOfAMissingTitle() {
        assertThatThrownBy(() -> parse(VALID.replace("title: \"GO 테스트의 거의 모든것\"\n", "")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("talk.md")
            .hasMessageContaining("'title' is missing");
    }

    @Test
    void namesTheLineOfBrokenYaml() {
        assertThatThrownBy(() -> parse(VALID.replace("order: 2", "order: [2")))
            .isInstanceOf(TalkFileException.class)
            .satisfies(ex -> assertThat(((TalkFileException) ex).line()).isBetween(7, 12))
            .hasMessageContaining("not valid YAML");
    }

    @Test
    void rejectsAFileWithoutFrontMatter() {
        assertThatThrownBy(() -> parse("# 제목\n본문"))
            .isInstanceOf(TalkFileException.class)
            .hasMessage("talk.md:1: front matter must start with a '---' line");
    }

    @Test
    void rejectsUnclosedFrontMatter() {
        assertThatThrownBy(() -> parse("---\ntitle: x\nslug: x\n"))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("not closed");
    }

    @Test
    void rejectsAFileThatIsNotUtf8AndNamesTheLine() {
        byte[] latin1 = VALID.replace("본문 그대로", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> TalkFileParser.parse("latin1.md", latin1))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("latin1.md")
            .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rejectsSlugsWithPathTricks() {
        for (String slug : new String[] { "../etc", "a/b", "Upper", "a b", "%2e%2e", "" }) {
            assertThatThrownBy(() -> parse(VALID.replace("slug: go-testing", "slug: \"" + slug + "\"")))
                .as(slug)
                .isInstanceOf(TalkFileException.class);
        }
    }

    @Test
    void rejectsAnInvalidDateWithAClearMessage() {
        assertThatThrownBy(() -> parse(VALID.replace("date: 2023-08-05", "date: 8월 5일")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("'date' must be a real date like 2023-08-05")
            .satisfies(ex -> assertThat(((TalkFileException) ex).line()).isEqualTo(6));
    }

    @Test
    void rejectsLinksThatAreNotWebAddresses() {
        assertThatThrownBy(() -> parse(VALID.replace("https://example.org/slides", "javascript:alert(1)")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("must start with http");
    }

    @Test
    void readsTheAuthorsAnswersToFollowUps() throws Exception {
        TalkDocument doc = parse(VALID.replace("---\n# 테스트", """
                answers:
                  - to: Report Card
                    text: 등급을 매기는 사이트입니다.
                    textEn: A site that grades Go repositories.
                    url: https://goreportcard.com
                  - {to: 본문, text: 노트의 이 절에 있습니다., url: "#테스트"}
                ---
                # 테스트"""));

        assertThat(doc.answers()).containsExactly(
                new FollowUpAnswer("Report Card", "등급을 매기는 사이트입니다.", "A site that grades Go repositories.",
                        "https://goreportcard.com"),
                new FollowUpAnswer("본문", "노트의 이 절에 있습니다.", null, "#테스트"));
        assertThat(doc.answers().getFirst().answers("Go Report  card 또한 한번 확인해보기")).isTrue();
        assertThat(doc.answers().getFirst().answers("Go 테스트 확인해보기")).isFalse();
    }

    @Test
    void rejectsAnAnswerWithoutTextOrWithAScriptLink() {
        assertThatThrownBy(() -> parse(VALID.replace("---\n# 테스트", "answers: [{to: 본문, url: \"https://a.example\"}]\n---\n# 테스트")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("needs to (words of the follow-up), text and url");
        assertThatThrownBy(() -> parse(VALID.replace("---\n# 테스트",
                "answers: [{to: 본문, text: 답, url: \"javascript:alert(1)\"}]\n---\n# 테스트")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("must start with http://, https:// or #");
    }

    @Test
    void refusesFieldsLongerThanTheCatalogHoldsNamingTheLine() {
        assertThatThrownBy(() -> parse(VALID.replace("speaker: 김정민", "speaker: " + "가".repeat(TalkLimits.SPEAKER + 1))))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("talk.md:4")
            .hasMessageContaining("'speaker' is longer than 100 characters");
        assertThatThrownBy(() -> parse(VALID.replace("company: Samsung SDS", "company: " + "x".repeat(TalkLimits.COMPANY + 1))))
            .hasMessageContaining("talk.md:5")
            .hasMessageContaining("'company' is longer than 100 characters");
        assertThatThrownBy(() -> parse(VALID.replace("title: 슬라이드", "title: " + "t".repeat(TalkLimits.LINK_TITLE + 1))))
            .hasMessageContaining("a link's title is longer than 300 characters");
        assertThatThrownBy(() -> parse(VALID.replace("https://example.org/slides",
                "https://example.org/" + "p".repeat(TalkLimits.LINK_URL))))
            .hasMessageContaining("a link's url is longer than 2000 characters");
    }

    @Test
    void refusesMoreTagsThanTheLimit() {
        String tags = String.join(", ", java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "tag" + i).toList());
        assertThatThrownBy(() -> parse(VALID.replace("tags: [Testing, fuzzing]", "tags: [" + tags + "]")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("talk.md:8")
            .hasMessageContaining("'tags' holds 5000 entries, at most 50");
    }

    @Test
    void fieldsAtTheirLimitsAreAccepted() throws Exception {
        String tags = String.join(", ", java.util.stream.IntStream.range(0, TalkLimits.TAGS)
            .mapToObj(i -> "t" + i + "x".repeat(TalkLimits.TAG - 1 - String.valueOf(i).length())).toList());
        TalkDocument doc = parse(VALID.replace("speaker: 김정민", "speaker: " + "가".repeat(TalkLimits.SPEAKER))
            .replace("tags: [Testing, fuzzing]", "tags: [" + tags + "]"));
        assertThat(doc.speaker()).hasSize(TalkLimits.SPEAKER);
        assertThat(doc.tags()).hasSize(TalkLimits.TAGS).allSatisfy(tag -> assertThat(tag).hasSize(TalkLimits.TAG));
    }

    @Test
    void aDateThatDoesNotExistIsReportedNotRolledOver() {
        assertThatThrownBy(() -> parse(VALID.replace("date: 2023-08-05", "date: 2023-13-45")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("talk.md:6")
            .hasMessageContaining("'date' must be a real date like 2023-08-05, was '2023-13-45'");
        assertThatThrownBy(() -> parse(VALID.replace("date: 2023-08-05", "date: 2023-02-30")))
            .hasMessageContaining("was '2023-02-30'");
    }

    @Test
    void aKeyGivenTwiceIsReportedAtItsSecondLine() {
        assertThatThrownBy(() -> parse(VALID.replace("order: 2\n", "order: 2\norder: 3\n")))
            .isInstanceOf(TalkFileException.class)
            .hasMessageContaining("talk.md:8")
            .hasMessageContaining("duplicate key order");
    }

    @Test
    void windowsLineEndingsReadLikeAnyOther() throws Exception {
        TalkDocument unix = parse(VALID);
        TalkDocument windows = parse(VALID.replace("\n", "\r\n"));
        assertThat(windows).isEqualTo(unix);
    }
}
