package dev.confnotes.talks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.reader.StreamReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Properties of {@link TalkFileParser} over seeded random input: whatever the bytes, it answers with
 * a talk or a {@link TalkFileException} naming the file and a line, never anything else; and a
 * valid talk written out as a file reads back with every field and the whole body.
 */
class TalkFileParserPropertyTests {

    private static final String SLUG_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private static final Yaml YAML = new Yaml(flowStyle());

    @Test
    void randomBytesGiveATalkOrATalkFileExceptionOnly() {
        Fuzz.cases("random talk files", 1500, random -> parseOrReport(Fuzz.randomDocument(random)));
    }

    @Test
    void damagedRealTalkFilesGiveATalkOrATalkFileExceptionOnly() throws IOException {
        List<byte[]> real = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("talks"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                real.add(Files.readAllBytes(file));
            }
        }
        Fuzz.cases("damaged talk files", 1500, random -> parseOrReport(Fuzz.mutate(random, Fuzz.pick(random, real))));
    }

    @Test
    void validTalksReadBackWithEveryFieldAndTheWholeBody() {
        Fuzz.cases("talk round trip", 500, random -> {
            TalkDocument written = randomTalk(random);
            String file = render(written, random);
            try {
                TalkDocument read = TalkFileParser.parse("t.md", file.getBytes(StandardCharsets.UTF_8));
                assertThat(read).as(file).isEqualTo(written);
            }
            catch (TalkFileException ex) {
                fail("a valid talk file was refused: " + ex.getMessage() + "\n" + file);
            }
        });
    }

    private static void parseOrReport(byte[] bytes) {
        try {
            TalkDocument doc = TalkFileParser.parse("fuzz.md", bytes);
            assertThat(doc.slug()).matches(TalkFileParser.SLUG);
            assertThat(doc.title()).isNotBlank();
            assertThat(doc.order()).isPositive();
            assertThat(doc.date()).isNotNull();
            assertThat(doc.body()).isNotNull();
        }
        catch (TalkFileException ex) {
            assertThat(ex.file()).isEqualTo("fuzz.md");
            assertThat(ex.line()).isNotNegative();
            assertThat(ex.getMessage()).startsWith("fuzz.md");
        }
        catch (RuntimeException | StackOverflowError ex) {
            throw new AssertionError("threw " + ex + " for input:\n" + new String(bytes, StandardCharsets.UTF_8), ex);
        }
    }

    static TalkDocument randomTalk(SplittableRandom random) {
        String slug = Fuzz.word(random, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 1) + Fuzz.word(random, SLUG_CHARS, 0, 40);
        List<String> tags = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String tag = Fuzz.word(random, "abcdefghij가나다", 1, 1) + Fuzz.word(random, "abcdefghijklmnop0123456789.+#-가나다라", 0, 12);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        List<String> demos = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            demos.add(Fuzz.word(random, "abcdefghij", 1, 1) + Fuzz.word(random, SLUG_CHARS, 0, 20));
        }
        List<TalkLink> links = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            String url = (random.nextBoolean() ? "https://" : "http://") + Fuzz.word(random, "abcdefghij", 1, 10)
                    + ".example/" + Fuzz.word(random, "abc123-_/?=&%#", 0, 20);
            links.add(new TalkLink(nonBlank(random, 60), url));
        }
        return new TalkDocument(slug, nonBlank(random, 120), random.nextInt(4) == 0 ? null : nonBlank(random, 40),
                random.nextInt(3) == 0 ? null : nonBlank(random, 40),
                LocalDate.of(1990 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                1 + random.nextInt(1000), List.copyOf(tags), List.copyOf(demos), List.copyOf(links), body(random));
    }

    /**
     * Text as the parser keeps it: no blank edges, at least one visible character, and only what
     * YAML can hold as text (it writes anything else as {@code !!binary}, which is no longer a string).
     */
    private static String nonBlank(SplittableRandom random, int maxLength) {
        String text = Fuzz.text(random, maxLength)
            .codePoints()
            .filter(StreamReader::isPrintable)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .replace('\r', ' ')
            .replace('\n', ' ')
            .replace("\uFEFF", "")
            .strip();
        return text.isEmpty() ? "x" + random.nextInt(1000) : text;
    }

    /** Markdown with the format's own markers inside it: '---' lines, front-matter-like lines, fences. */
    private static String body(SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        for (int i = random.nextInt(25); i > 0; i--) {
            lines.add(switch (random.nextInt(8)) {
                case 0 -> "---";
                case 1 -> "slug: " + Fuzz.word(random, SLUG_CHARS, 1, 10);
                case 2 -> "";
                case 3 -> "```";
                case 4 -> "# " + nonBlank(random, 30);
                default -> Fuzz.text(random, 60).replace('\r', ' ').replace('\n', ' ');
            });
        }
        // The parser drops blank edges, as a writer would expect: the body starts and ends with text.
        return String.join("\n", lines).strip();
    }

    /** A talk file as a person (or the importer) would write it, with YAML's own quoting. */
    static String render(TalkDocument talk, SplittableRandom random) {
        StringBuilder out = new StringBuilder("---\n");
        out.append("slug: ").append(talk.slug()).append('\n');
        out.append("title: ").append(scalar(talk.title())).append('\n');
        if (talk.speaker() != null) {
            out.append("speaker: ").append(scalar(talk.speaker())).append('\n');
        }
        if (talk.company() != null) {
            out.append("company: ").append(scalar(talk.company())).append('\n');
        }
        out.append("date: ").append(talk.date()).append('\n');
        out.append("order: ").append(talk.order()).append('\n');
        if (!talk.tags().isEmpty() || random.nextBoolean()) {
            out.append("tags: ").append(scalar(talk.tags())).append('\n');
        }
        if (!talk.demos().isEmpty() || random.nextBoolean()) {
            out.append("demos: ").append(scalar(talk.demos())).append('\n');
        }
        if (!talk.links().isEmpty()) {
            out.append("links:\n");
            talk.links().forEach(link -> out.append("  - title: ").append(scalar(link.title())).append("\n    url: ")
                .append(scalar(link.url())).append('\n'));
        }
        out.append("---\n");
        if (random.nextBoolean()) {
            out.append('\n');
        }
        return out.append(talk.body()).append(random.nextBoolean() ? "\n" : "\n\n").toString();
    }

    private static String scalar(Object value) {
        return YAML.dump(value).strip();
    }

    private static DumperOptions flowStyle() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        return options;
    }
}
