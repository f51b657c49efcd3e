package dev.confnotes.talks;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw notes file in the seed's format:
 *
 * <pre>
 * # 2023 고퍼콘                                  conference name (first non-blank line)
 * 2023년 8월 5일(토)                              starts a day
 * # GO 테스트의 거의 모든것 - 김정민님, Samsung SDS   starts a talk (company optional)
 * ...notes...
 * # Mamory Allocation                            no " - 누구님": a section of the talk before it
 * </pre>
 *
 * Only a level-one heading that ends in {@code - <speaker>님[, <company>]} starts a talk, so the
 * writer's own {@code #} section headings stay in the talk they belong to. Lines inside fenced code
 * blocks are never headings or dates (a shell comment is not a talk).
 */
public final class NotesParser {

    // Greedy title: a title may itself contain " - " or "A-Z"; the speaker part is the last one.
    private static final Pattern TALK_HEADING = Pattern
        .compile("^#\\s+(?<title>\\S.*?)\\s+-\\s+(?<speaker>[^,]+?)\\s*님\\s*(?:,\\s*(?<company>.*?))?\\s*$");

    private static final Pattern DATE_LINE = Pattern
        .compile("^\\s*(?<y>\\d{4})\\s*년\\s*(?<m>\\d{1,2})\\s*월\\s*(?<d>\\d{1,2})\\s*일\\s*(?:\\([^)]*\\))?\\s*$");

    private static final Pattern CONFERENCE_HEADING = Pattern.compile("^#\\s+(?<name>\\S.*?)\\s*$");

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");

    private static final Pattern ASCII_WORD = Pattern.compile("[A-Za-z0-9]+");

    private static final int MAX_SLUG_WORDS = 6;

    // A slug may hold 100 characters (TalkFileParser.SLUG); leave room for the importer's "-2", "-3".
    private static final int MAX_SLUG_LENGTH = 90;

    private NotesParser() {
    }

    /**
     * Parses the raw bytes of a notes file.
     * @throws NotesFormatException naming the line when the file is not UTF-8 or not in the format
     */
    public static ImportedNotes parse(byte[] bytes) {
        return parse(decodeUtf8(bytes));
    }

    static ImportedNotes parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new NotesFormatException(1, "the file is empty; expected a conference heading such as '# 2023 고퍼콘'");
        }
        // Windows line endings are a property of the editor, not of the notes.
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);

        String conferenceName = null;
        List<LocalDate> days = new ArrayList<>();
        List<ImportedTalk> talks = new ArrayList<>();
        TalkInProgress current = null;
        boolean inFence = false;

        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (inFence) {
                inFence = !FENCE.matcher(line).matches();
                appendToTalk(current, line, lineNo);
                continue;
            }
            if (FENCE.matcher(line).matches()) {
                inFence = true;
                appendToTalk(current, line, lineNo);
                continue;
            }
            Matcher date = DATE_LINE.matcher(line);
            Matcher talk = TALK_HEADING.matcher(line);
            if (conferenceName == null) {
                if (line.isBlank()) {
                    continue;
                }
                if (date.matches() || talk.matches()) {
                    throw new NotesFormatException(lineNo,
                            "expected the conference name first, as a heading such as '# 2023 고퍼콘', but found '"
                                    + line.strip() + "'");
                }
                Matcher heading = CONFERENCE_HEADING.matcher(line);
                if (!heading.matches()) {
                    throw new NotesFormatException(lineNo,
                            "expected the conference name as a heading such as '# 2023 고퍼콘', but found '"
                                    + line.strip() + "'");
                }
                conferenceName = heading.group("name");
            }
            else if (date.matches()) {
                finish(current, talks);
                current = null;
                LocalDate day = toDate(date, lineNo);
                if (!days.isEmpty() && !day.isAfter(days.getLast())) {
                    throw new NotesFormatException(lineNo, "the day " + day + " does not come after the previous day "
                            + days.getLast() + "; days must be in order and appear once");
                }
                days.add(day);
            }
            else if (talk.matches()) {
                if (days.isEmpty()) {
                    throw new NotesFormatException(lineNo, "the talk '" + talk.group("title").strip()
                            + "' comes before any date line; add a line such as '2023년 8월 5일(토)' above it");
                }
                finish(current, talks);
                LocalDate day = days.getLast();
                int order = (int) talks.stream().filter(t -> t.date().equals(day)).count() + 1;
                current = new TalkInProgress(talk, day, days.size(), order, lineNo);
            }
            else {
                appendToTalk(current, line, lineNo);
            }
        }
        finish(current, talks);
        if (talks.isEmpty()) {
            throw new NotesFormatException(0,
                    "no talks found; a talk starts with a heading such as '# Title - Speaker님, Company'");
        }
        return new ImportedNotes(conferenceName, days, talks);
    }

    /**
     * A slug from the ASCII words of the title ({@code GC in Golang} → {@code gc-in-golang}), or
     * {@code day{N}-talk{M}} when the title has none worth using (all-Korean titles, bare numbers).
     */
    static String slugFor(String title, int day, int order) {
        List<String> words = new ArrayList<>();
        Matcher m = ASCII_WORD.matcher(title);
        while (m.find() && words.size() < MAX_SLUG_WORDS) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        boolean onlyNumbers = words.stream().allMatch(w -> w.chars().allMatch(Character::isDigit));
        if (onlyNumbers) {
            return "day" + day + "-talk" + order;
        }
        String slug = String.join("-", words);
        if (slug.length() > MAX_SLUG_LENGTH) {
            // Whole words where they fit; a single over-long word is cut.
            int cut = slug.lastIndexOf('-', MAX_SLUG_LENGTH);
            slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG_LENGTH);
        }
        return slug;
    }

    private static void appendToTalk(TalkInProgress current, String line, int lineNo) {
        if (current != null) {
            current.body.add(line);
        }
        else if (!line.isBlank()) {
            // Dropping text silently would lose notes; say where it is instead.
            throw new NotesFormatException(lineNo, "text outside any talk: '" + line.strip()
                    + "'; notes belong under a heading such as '# Title - Speaker님, Company'");
        }
    }

    private static void finish(TalkInProgress current, List<ImportedTalk> talks) {
        if (current != null) {
            talks.add(current.toTalk());
        }
    }

    private static LocalDate toDate(Matcher date, int lineNo) {
        try {
            return LocalDate.of(Integer.parseInt(date.group("y")), Integer.parseInt(date.group("m")),
                    Integer.parseInt(date.group("d")));
        }
        catch (DateTimeException ex) {
            throw new NotesFormatException(lineNo, "not a real date: " + ex.getMessage());
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // '\n' is a single byte in UTF-8 and never part of another character, so counting it
            // in the raw bytes gives the line of the bad byte.
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new NotesFormatException(line, String.format(
                    "the file is not UTF-8 (bad byte 0x%02X); save it as UTF-8 and import again",
                    bytes[in.position()] & 0xFF));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static final class TalkInProgress {

        private final String title;

        private final String speaker;

        private final String company;

        private final LocalDate date;

        private final int dayNumber;

        private final int order;

        private final int line;

        private final List<String> body = new ArrayList<>();

        TalkInProgress(Matcher heading, LocalDate date, int dayNumber, int order, int line) {
            this.title = heading.group("title").strip();
            this.speaker = heading.group("speaker").strip();
            String company = heading.group("company");
            this.company = (company == null || company.isBlank()) ? null : company.strip();
            this.date = date;
            this.dayNumber = dayNumber;
            this.order = order;
            this.line = line;
        }

        ImportedTalk toTalk() {
            int from = 0;
            int to = this.body.size();
            while (from < to && this.body.get(from).isBlank()) {
                from++;
            }
            while (to > from && this.body.get(to - 1).isBlank()) {
                to--;
            }
            String text = String.join("\n", this.body.subList(from, to));
            return new ImportedTalk(slugFor(this.title, this.dayNumber, this.order), this.title, this.speaker,
                    this.company, this.date, this.order, text, this.line);
        }
    }
}
