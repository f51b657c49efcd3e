package dev.confnotes.talks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import org.springframework.util.FileSystemUtils;

/**
 * Properties of the raw-notes importer over seeded random input: {@link NotesParser} answers with
 * notes or a {@link NotesFormatException} naming a line, never anything else; notes written in the
 * seed's format read back with every talk, field and line of body; and importing them writes talk
 * files that {@link TalkFileParser} reads with the same fields and body, and a second import
 * changes nothing.
 */
class NotesParserPropertyTests {

    private static final Path SEED = Path.of("src/test/resources/seed/gophercon-korea-2023.txt");

    private static final String NAME_CHARS = "김이박최정강조윤장임민준서연지우현수영호";

    private static final String TITLE_WORDS = "Go GC eBPF pprof 테스트 컨텍스트 서버 모니터링 고루틴 2023 API v1.2 (with kafka) A-Z & :#";

    @Test
    void randomBytesGiveNotesOrANotesFormatExceptionOnly() {
        Fuzz.cases("random notes", 1500, random -> parseOrReport(Fuzz.randomDocument(random)));
    }

    @Test
    void damagedSeedNotesGiveNotesOrANotesFormatExceptionOnly() throws IOException {
        byte[] seed = Files.readAllBytes(SEED);
        Fuzz.cases("damaged seed notes", 300, random -> parseOrReport(Fuzz.mutate(random, seed)));
    }

    @Test
    void notesInTheSeedFormatReadBackWithEveryTalkAndLine() {
        Fuzz.cases("notes round trip", 400, random -> {
            Generated notes = randomNotes(random);
            ImportedNotes read = NotesParser.parse(notes.text().getBytes(StandardCharsets.UTF_8));
            assertThat(read.conferenceName()).isEqualTo(notes.conference());
            assertThat(read.days()).isEqualTo(notes.days());
            assertThat(read.talks()).hasSameSizeAs(notes.talks());
            for (int i = 0; i < read.talks().size(); i++) {
                ImportedTalk got = read.talks().get(i);
                ImportedTalk want = notes.talks().get(i);
                assertThat(List.of(got.title(), got.speaker(), String.valueOf(got.company()), got.date(), got.order(), got.body()))
                    .as(notes.text())
                    .isEqualTo(List.of(want.title(), want.speaker(), String.valueOf(want.company()), want.date(), want.order(),
                            want.body()));
            }
        });
    }

    @Test
    void importedNotesBecomeTalkFilesThatReadBackWholeAndAReimportChangesNothing() throws IOException {
        Path root = Files.createTempDirectory("confnotes-import-fuzz");
        try {
            Fuzz.cases("import round trip", 60, random -> {
                Path talks = root.resolve("case" + random.nextInt(Integer.MAX_VALUE));
                try {
                    ImportedNotes notes = NotesParser.parse(randomNotes(random).text().getBytes(StandardCharsets.UTF_8));
                    NotesImporter importer = new NotesImporter();
                    NotesImporter.Result first = importer.importInto(notes, talks);
                    assertThat(first.written()).hasSize(notes.talks().size() + 1);

                    List<TalkDocument> files = new ArrayList<>();
                    for (Path file : first.written()) {
                        if (file.toString().endsWith(".md")) {
                            files.add(TalkFileParser.parse(file.getFileName().toString(), Files.readAllBytes(file)));
                        }
                    }
                    for (ImportedTalk talk : notes.talks()) {
                        assertThat(files).as(talk.title())
                            .anySatisfy(doc -> assertThat(List.of(doc.title(), doc.speaker(), String.valueOf(doc.company()),
                                    doc.date(), doc.order(), doc.body()))
                                .isEqualTo(List.of(talk.title(), talk.speaker(), String.valueOf(talk.company()), talk.date(),
                                        talk.order(), talk.body())));
                    }
                    assertThat(files).extracting(TalkDocument::slug).doesNotHaveDuplicates();

                    NotesImporter.Result again = importer.importInto(notes, talks);
                    assertThat(again.written()).isEmpty();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                catch (TalkFileException ex) {
                    fail("the importer wrote a talk file the catalog cannot read: " + ex.getMessage());
                }
            });
        }
        finally {
            FileSystemUtils.deleteRecursively(root);
        }
    }

    private static void parseOrReport(byte[] bytes) {
        try {
            ImportedNotes notes = NotesParser.parse(bytes);
            assertThat(notes.talks()).isNotEmpty();
            assertThat(notes.days()).isNotEmpty().isSorted();
            notes.talks().forEach(t -> {
                assertThat(t.title()).isNotBlank();
                assertThat(t.speaker()).isNotBlank();
                assertThat(t.order()).isPositive();
                assertThat(notes.days()).contains(t.date());
            });
        }
        catch (NotesFormatException ex) {
            assertThat(ex.line()).isNotNegative();
            assertThat(ex.getMessage()).isNotBlank();
        }
        catch (RuntimeException | StackOverflowError ex) {
            throw new AssertionError("threw " + ex + " for input:\n" + new String(bytes, StandardCharsets.UTF_8), ex);
        }
    }

    record Generated(String text, String conference, List<LocalDate> days, List<ImportedTalk> talks) {
    }

    /** Notes as the seed writes them, with the tricky parts: sections without a speaker, fences holding headings. */
    static Generated randomNotes(SplittableRandom random) {
        String conference = (random.nextInt(3) + 2021) + " " + Fuzz.word(random, "고퍼콘GopherCon ", 2, 12).strip() + "x";
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append("\n");
        }
        text.append("# ").append(conference).append("\n\n");
        List<LocalDate> days = new ArrayList<>();
        List<ImportedTalk> talks = new ArrayList<>();
        LocalDate day = LocalDate.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28));
        for (int d = 1 + random.nextInt(2); d > 0; d--) {
            days.add(day);
            text.append(day.getYear()).append("년 ").append(day.getMonthValue()).append("월 ").append(day.getDayOfMonth())
                .append("일(").append(Fuzz.pick(random, List.of("토", "일", "월"))).append(")\n\n");
            int count = 1 + random.nextInt(4);
            for (int order = 1; order <= count; order++) {
                String title = title(random);
                String speaker = Fuzz.word(random, NAME_CHARS, 2, 4);
                String company = random.nextInt(3) == 0 ? null : Fuzz.word(random, "AWS Kakao 당근 Samsung SDS LINE", 2, 14).strip() + "z";
                String body = body(random);
                text.append("# ").append(title).append(" - ").append(speaker).append("님");
                if (company != null) {
                    text.append(", ").append(company);
                }
                text.append("\n\n").append(body).append(random.nextBoolean() ? "\n\n" : "\n");
                talks.add(new ImportedTalk(null, title, speaker, company, day, order, body, 0));
            }
            day = day.plusDays(1 + random.nextInt(3));
        }
        return new Generated(text.toString(), conference, days, talks);
    }

    private static String title(SplittableRandom random) {
        String[] words = TITLE_WORDS.split(" ");
        StringBuilder title = new StringBuilder(words[random.nextInt(words.length)]);
        for (int i = random.nextInt(6); i > 0; i--) {
            title.append(' ').append(words[random.nextInt(words.length)]);
        }
        for (int i = random.nextInt(10) == 0 ? 1 + random.nextInt(4) : 0; i > 0; i--) {
            title.append(' ').append(Fuzz.word(random, "abcdefghijklmnopqrstuvwxyz", 30, 60));  // long ASCII words
        }
        return title.toString();
    }

    private static String body(SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        lines.add(Fuzz.word(random, "노트 text ", 1, 30).strip() + ".");
        for (int i = random.nextInt(15); i > 0; i--) {
            switch (random.nextInt(9)) {
                case 0 -> lines.add("");
                case 1 -> lines.add("   ");
                case 2 -> lines.add("# Mamory Allocation " + random.nextInt(100));   // a section, not a talk
                case 3 -> lines.add("## 하위 제목 " + Fuzz.word(random, "abc가나", 1, 6));
                case 4 -> {                                                        // a fence hides headings and dates
                    lines.add("```go");
                    lines.add("# not - a talk님, Really");
                    lines.add("2023년 1월 1일(일)");
                    lines.add("```");
                }
                case 5 -> lines.add("- 목록 " + Fuzz.word(random, "abc가나 ", 1, 10) + "  ");  // trailing spaces are kept
                case 6 -> lines.add("https://example.com/" + Fuzz.word(random, "abc/-", 1, 10));
                default -> lines.add(Fuzz.word(random, "가나다 abc:-#*`", 1, 40).strip() + "!");
            }
        }
        lines.add("끝 " + random.nextInt(1000));
        return String.join("\n", lines);
    }
}
