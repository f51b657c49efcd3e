package dev.confnotes.talks;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a talk file: YAML front matter between {@code ---} lines, then the Markdown notes.
 * Every problem is reported as a {@link TalkFileException} naming the file and line.
 */
public final class TalkFileParser {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (TalkLimits.SLUG - 1) + "}");

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.+#-]{0," + (TalkLimits.TAG - 1) + "}");

    private static final Pattern DEMO_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (TalkLimits.DEMO_ID - 1) + "}");

    /** An in-page link: '#' and a heading anchor, without blanks or quotes. */
    private static final Pattern ANCHOR = Pattern.compile("#[^\\s\"'<>]{1,200}");

    private TalkFileParser() {
    }

    public static TalkDocument parse(String fileName, byte[] bytes) throws TalkFileException {
        String text = decodeUtf8(fileName, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            throw new TalkFileException(fileName, 1, "front matter must start with a '---' line");
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new TalkFileException(fileName, lines.size(), "front matter is not closed by a '---' line");
        }
        String frontMatter = String.join("\n", lines.subList(1, end));
        String body = String.join("\n", lines.subList(end + 1, lines.size())).strip();
        Map<String, Object> fields = readYaml(fileName, frontMatter);
        FieldReader reader = new FieldReader(fileName, frontMatter, fields);

        String title = reader.requiredString("title", TalkLimits.TITLE);
        String slug = reader.requiredString("slug", TalkLimits.SLUG + 1);
        if (!SLUG.matcher(slug).matches()) {
            throw reader.error("slug", "slug must be lowercase letters, digits and '-' (at most " + TalkLimits.SLUG
                    + "), was '" + slug + "'");
        }
        LocalDate date = reader.date("date");
        int order = reader.positiveInt("order");
        List<String> tags = reader.stringList("tags", TAG, TalkLimits.TAGS);
        List<String> demos = reader.stringList("demos", DEMO_ID, TalkLimits.DEMOS);
        List<TalkLink> links = reader.links("links");
        List<FollowUpAnswer> answers = reader.answers("answers");
        return new TalkDocument(slug, title, reader.optionalString("speaker", TalkLimits.SPEAKER),
                reader.optionalString("company", TalkLimits.COMPANY),
                date, order, tags.stream().map(String::toLowerCase).distinct().toList(), demos, links, answers, body);
    }

    private static String decodeUtf8(String fileName, byte[] bytes) throws TalkFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new TalkFileException(fileName, lineOfFirstBadByte(bytes), "file is not valid UTF-8");
        }
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                try {
                    decoder.decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                }
                catch (CharacterCodingException ex) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return line;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(String fileName, String frontMatter) throws TalkFileException {
        try {
            Object loaded = ContentYaml.reader().load(frontMatter);
            if (loaded instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new TalkFileException(fileName, 2, "front matter must be a set of 'key: value' lines");
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
            int line = mark != null ? mark.getLine() + 2 : 2;
            throw new TalkFileException(fileName, line, "front matter is not valid YAML: " + ex.getProblem());
        }
        catch (YAMLException ex) {
            throw new TalkFileException(fileName, 2, "front matter is not valid YAML: " + ex.getMessage());
        }
    }

    /** Reads typed fields and reports errors at the line that holds the key. */
    private record FieldReader(String fileName, String frontMatter, Map<String, Object> fields) {

        TalkFileException error(String key, String problem) {
            return new TalkFileException(fileName, lineOf(key), problem);
        }

        int lineOf(String key) {
            List<String> lines = frontMatter.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(key + ":")) {
                    return i + 2;
                }
            }
            return 1;
        }

        String requiredString(String key, int maxLength) throws TalkFileException {
            String value = optionalString(key, maxLength);
            if (value == null) {
                throw error(key, "'" + key + "' is missing");
            }
            return value;
        }

        String optionalString(String key, int maxLength) throws TalkFileException {
            Object value = fields.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                throw error(key, "'" + key + "' must be a single value");
            }
            String text = value.toString().strip();
            if (text.length() > maxLength) {
                throw error(key, "'" + key + "' is longer than " + maxLength + " characters");
            }
            return text.isEmpty() ? null : text;
        }

        LocalDate date(String key) throws TalkFileException {
            Object value = fields.get(key);
            if (value == null) {
                throw error(key, "'" + key + "' is missing (write it as 2023-08-05)");
            }
            try {
                return LocalDate.parse(value.toString().strip());
            }
            catch (DateTimeParseException ex) {
                throw error(key, "'" + key + "' must be a real date like 2023-08-05, was '" + value + "'");
            }
        }

        int positiveInt(String key) throws TalkFileException {
            Object value = fields.get(key);
            if (value instanceof Integer i && i > 0) {
                return i;
            }
            throw error(key, "'" + key + "' must be a whole number of 1 or more");
        }

        List<String> stringList(String key, Pattern allowed, int maxEntries) throws TalkFileException {
            Object value = fields.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw error(key, "'" + key + "' must be a list such as [a, b]");
            }
            if (list.size() > maxEntries) {
                throw error(key, "'" + key + "' holds " + list.size() + " entries, at most " + maxEntries);
            }
            List<String> result = new ArrayList<>();
            for (Object item : list) {
                String text = String.valueOf(item).strip();
                if (!allowed.matcher(text).matches()) {
                    throw error(key, "'" + key + "' holds an invalid entry '" + text + "'");
                }
                result.add(text);
            }
            return List.copyOf(result);
        }

        /** The list under {@code key} (empty when absent), or an error naming its shape and its limit. */
        private List<?> listOf(String key, String shape, String entries, int limit) throws TalkFileException {
            Object value = fields.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw error(key, "'" + key + "' must be a list of " + shape);
            }
            if (list.size() > limit) {
                throw error(key, "'" + key + "' holds " + list.size() + " " + entries + ", at most " + limit);
            }
            return list;
        }

        List<TalkLink> links(String key) throws TalkFileException {
            List<?> list = listOf(key, "{title, url}", "links", TalkLimits.LINKS);
            List<TalkLink> result = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map) || !(map.get("url") instanceof String url)) {
                    throw error(key, "every entry of '" + key + "' needs a url");
                }
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    throw error(key, "link '" + url + "' must start with http:// or https://");
                }
                if (url.length() > TalkLimits.LINK_URL) {
                    throw error(key, "a link's url is longer than " + TalkLimits.LINK_URL + " characters");
                }
                String title = map.get("title") == null ? url : map.get("title").toString().strip();
                if (title.length() > TalkLimits.LINK_TITLE) {
                    throw error(key, "a link's title is longer than " + TalkLimits.LINK_TITLE + " characters");
                }
                result.add(new TalkLink(title, url));
            }
            return List.copyOf(result);
        }

        /** {@code answers}: a list of {to, text, url} with an optional textEn; url is a web link or a #section. */
        List<FollowUpAnswer> answers(String key) throws TalkFileException {
            List<?> list = listOf(key, "{to, text, url}", "answers", TalkLimits.ANSWERS);
            List<FollowUpAnswer> result = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map) || !(map.get("to") instanceof String to) || to.isBlank()
                        || !(map.get("text") instanceof String text) || text.isBlank()
                        || !(map.get("url") instanceof String url)) {
                    throw error(key, "every entry of '" + key + "' needs to (words of the follow-up), text and url");
                }
                if (!url.startsWith("https://") && !url.startsWith("http://") && !ANCHOR.matcher(url).matches()) {
                    throw error(key, "answer url '" + url + "' must start with http://, https:// or # (a section)");
                }
                Object textEn = map.get("textEn");
                if (to.length() > TalkLimits.ANSWER_TO || text.length() > TalkLimits.ANSWER_TEXT
                        || (textEn != null && textEn.toString().length() > TalkLimits.ANSWER_TEXT)
                        || url.length() > TalkLimits.LINK_URL) {
                    throw error(key, "an answer's to, text (and textEn) and url may hold " + TalkLimits.ANSWER_TO + ", "
                            + TalkLimits.ANSWER_TEXT + " and " + TalkLimits.LINK_URL + " characters");
                }
                result.add(new FollowUpAnswer(to.strip(), text.strip(), textEn == null ? null : textEn.toString().strip(),
                        url.strip()));
            }
            return List.copyOf(result);
        }
    }
}
