package dev.confnotes.talks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Imports a raw notes file (see {@link NotesParser}) into {@code talks/<slug>.md} files and
 * {@code talks/conference.yml}.
 *
 * <p>The files in {@code talks/} are curated by hand after the first import, so a re-import
 * must not undo that work. A talk already on disk is recognised by its title, or, when the title
 * was corrected by hand, by the same speaker on the same day; its slug, title, tags, demos, links
 * and any other keys are kept, and only the speaker, company, date, order and body come from the
 * notes. A file is written only when its content would change, so re-importing unchanged notes
 * touches nothing. Files in {@code talks/} that the notes do not mention are left alone.
 *
 * <pre>
 * ./mvnw -q spring-boot:run -Dspring-boot.run.main-class=dev.confnotes.talks.NotesImporter \
 *     -Dspring-boot.run.arguments="path/to/notes.txt talks"
 * </pre>
 */
public final class NotesImporter {

    static final String CONFERENCE_FILE = "conference.yml";

    private static final String FENCE = "---";

    private final Yaml yaml;

    public NotesImporter() {
        DumperOptions dump = new DumperOptions();
        // Flow style gives one-line values such as "tags: [testing, gc]"; no line folding so a
        // long Korean title stays on its line.
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        dump.setWidth(Integer.MAX_VALUE);
        dump.setSplitLines(false);
        dump.setAllowUnicode(true);
        this.yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dump), dump);
    }

    /** What an import did, file by file. */
    public record Result(List<Path> written, List<Path> unchanged, List<Path> notInNotes) {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line, separated from {@code main} so tests can run it without exiting. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: NotesImporter <notes-file> [talks-dir, default talks]");
            return 2;
        }
        Path notesFile = Path.of(args[0]);
        Path talksDir = Path.of(args.length > 1 ? args[1] : "talks");
        try {
            ImportedNotes notes = read(notesFile);
            Result result = new NotesImporter().importInto(notes, talksDir);
            result.written().forEach(p -> out.println("written    " + p));
            result.unchanged().forEach(p -> out.println("unchanged  " + p));
            result.notInNotes().forEach(p -> out.println("kept, not in the notes  " + p));
            out.printf("imported %d talks over %d days from %s into %s: %d written, %d unchanged%n",
                    notes.talks().size(), notes.days().size(), notesFile, talksDir, result.written().size(),
                    result.unchanged().size());
            return 0;
        }
        catch (NotesFormatException ex) {
            err.println("import failed: " + ex.getMessage());
            return 1;
        }
        catch (NoSuchFileException ex) {
            err.println("import failed: no such file: " + ex.getFile());
            return 1;
        }
        catch (IOException ex) {
            err.println("import failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return 1;
        }
    }

    /** Reads and parses a notes file; format errors name the file and line. */
    public static ImportedNotes read(Path notesFile) throws IOException {
        byte[] bytes = Files.readAllBytes(notesFile);
        try {
            return NotesParser.parse(bytes);
        }
        catch (NotesFormatException ex) {
            throw ex.in(notesFile.toString());
        }
    }

    /**
     * Writes the notes into {@code talksDir}, keeping curated metadata of talks already there.
     * Reads every existing file before writing any, so a broken talk file stops the import with
     * nothing half done.
     */
    public Result importInto(ImportedNotes notes, Path talksDir) throws IOException {
        Files.createDirectories(talksDir);
        List<TalkFile> existing = readTalkFiles(talksDir);
        Set<TalkFile> claimed = new HashSet<>();
        // Never write over a file this import did not match, talk or not.
        Set<String> slugsInUse = markdownStems(talksDir);
        existing.forEach(e -> slugsInUse.add(e.slug()));
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();

        List<Planned> plan = new ArrayList<>();
        for (ImportedTalk talk : notes.talks()) {
            Optional<TalkFile> match = findSameTalk(talk, existing, claimed);
            match.ifPresent(claimed::add);
            String slug = match.map(TalkFile::slug).orElse(null);
            if (slug == null) {
                slug = freeSlug(talk.slug(), slugsInUse);
            }
            slugsInUse.add(slug);
            Path target = match.map(TalkFile::path).orElse(talksDir.resolve(slug + ".md"));
            plan.add(new Planned(target, frontMatter(talk, slug, match), talk.body(), match));
        }
        for (Planned p : plan) {
            boolean same = p.existing()
                .map(e -> e.frontMatter().equals(p.frontMatter()) && e.body().equals(p.body()))
                .orElse(false);
            if (same) {
                unchanged.add(p.path());
            }
            else {
                writeAtomically(p.path(), render(p.frontMatter(), p.body()));
                written.add(p.path());
            }
        }

        Path conference = talksDir.resolve(CONFERENCE_FILE);
        String onDisk = Files.exists(conference) ? Files.readString(conference, StandardCharsets.UTF_8) : null;
        String conferenceText = renderConference(notes, curatedConference(conference, onDisk));
        if (conferenceText.equals(onDisk)) {
            unchanged.add(conference);
        }
        else {
            writeAtomically(conference, conferenceText);
            written.add(conference);
        }

        List<Path> notInNotes = existing.stream().filter(e -> !claimed.contains(e)).map(TalkFile::path).toList();
        return new Result(written, unchanged, notInNotes);
    }

    /** The Markdown body of a talk file: everything after the front matter, blank edges trimmed. */
    static String bodyOf(String fileText) {
        String[] lines = fileText.replace("\r\n", "\n").split("\n", -1);
        int start = 0;
        if (lines.length > 0 && lines[0].equals(FENCE)) {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].equals(FENCE)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = lines.length;
        while (start < end && lines[start].isBlank()) {
            start++;
        }
        while (end > start && lines[end - 1].isBlank()) {
            end--;
        }
        return String.join("\n", List.of(lines).subList(start, end));
    }

    private static Optional<TalkFile> findSameTalk(ImportedTalk talk, List<TalkFile> existing, Set<TalkFile> claimed) {
        List<TalkFile> free = existing.stream().filter(e -> !claimed.contains(e)).toList();
        List<TalkFile> byTitle = free.stream().filter(e -> talk.title().equals(e.frontMatter().get("title"))).toList();
        if (byTitle.size() > 1) {
            // Two talks with one title: the file with this talk's place in the programme is this
            // talk's, so a re-import never swaps their slugs.
            return byTitle.stream()
                .filter(e -> talk.date().equals(e.frontMatter().get("date"))
                        && Integer.valueOf(talk.order()).equals(e.frontMatter().get("order")))
                .findFirst()
                .or(() -> byTitle.stream().findFirst());
        }
        if (!byTitle.isEmpty()) {
            return Optional.of(byTitle.getFirst());
        }
        // A title fixed by hand no longer equals the notes' heading; the speaker and day still do.
        List<TalkFile> bySpeakerAndDay = free.stream()
            .filter(e -> talk.speaker().equals(e.frontMatter().get("speaker"))
                    && talk.date().equals(e.frontMatter().get("date")))
            .toList();
        if (bySpeakerAndDay.size() <= 1) {
            return bySpeakerAndDay.stream().findFirst();
        }
        return bySpeakerAndDay.stream()
            .filter(e -> Integer.valueOf(talk.order()).equals(e.frontMatter().get("order")))
            .findFirst();
    }

    private static String freeSlug(String wanted, Set<String> slugsInUse) {
        String slug = wanted;
        for (int n = 2; slugsInUse.contains(slug); n++) {
            slug = wanted + "-" + n;
        }
        return slug;
    }

    private static Map<String, Object> frontMatter(ImportedTalk talk, String slug, Optional<TalkFile> existing) {
        Map<String, Object> curated = existing.map(TalkFile::frontMatter).orElse(Map.of());
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("slug", slug);
        fm.put("title", curated.getOrDefault("title", talk.title()));
        fm.put("speaker", talk.speaker());
        Object company = (talk.company() != null) ? talk.company() : curated.get("company");
        if (company != null) {
            fm.put("company", company);
        }
        fm.put("date", talk.date());
        fm.put("order", talk.order());
        fm.put("tags", curated.getOrDefault("tags", List.of()));
        fm.put("demos", curated.getOrDefault("demos", List.of()));
        fm.put("links", curated.getOrDefault("links", List.of()));
        curated.forEach(fm::putIfAbsent);
        return fm;
    }

    private String render(Map<String, Object> frontMatter, String body) {
        StringBuilder text = new StringBuilder(FENCE).append('\n');
        frontMatter.forEach((key, value) -> text.append(key).append(": ").append(scalar(value)).append('\n'));
        text.append(FENCE).append('\n');
        if (!body.isEmpty()) {
            text.append(body).append('\n');
        }
        return text.toString();
    }

    private String renderConference(ImportedNotes notes, Map<String, Object> curated) {
        StringBuilder text = new StringBuilder();
        // The English name is not in the notes; it is written by hand once and kept from then on.
        text.append("name: ").append(scalar(curated.getOrDefault("name", notes.conferenceName()))).append('\n');
        text.append("nameKo: ").append(scalar(notes.conferenceName())).append('\n');
        text.append("days:\n");
        notes.days().forEach(day -> text.append("  - date: ").append(day).append('\n'));
        curated.forEach((key, value) -> {
            if (!Set.of("name", "nameKo", "days").contains(key)) {
                text.append(key).append(": ").append(scalar(value)).append('\n');
            }
        });
        return text.toString();
    }

    private String scalar(Object value) {
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return this.yaml.dump(value).strip();
    }

    private List<TalkFile> readTalkFiles(Path talksDir) throws IOException {
        List<TalkFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(talksDir)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                readTalkFile(path).ifPresent(files::add);
            }
        }
        return files;
    }

    /** A talk file, or empty for Markdown that has no front matter at all (a README is not a talk). */
    private Optional<TalkFile> readTalkFile(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (CharacterCodingException ex) {
            throw new NotesFormatException(path.toString(), 0, "the talk file is not UTF-8; fix or remove it and import again");
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (!lines[0].equals(FENCE)) {
            return Optional.empty();
        }
        int close = -1;
        for (int i = 1; i < lines.length && close < 0; i++) {
            if (lines[i].equals(FENCE)) {
                close = i;
            }
        }
        if (close < 0) {
            throw new NotesFormatException(path.toString(), 1,
                    "the front matter has no closing '---' line; fix or remove the file and import again");
        }
        Object loaded;
        try {
            loaded = this.yaml.load(String.join("\n", List.of(lines).subList(1, close)));
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark();
            int line = (mark != null) ? mark.getLine() + 2 : 1;
            throw new NotesFormatException(path.toString(), line, "broken front matter: " + ex.getProblem());
        }
        catch (YAMLException ex) {
            throw new NotesFormatException(path.toString(), 1, "broken front matter: " + ex.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new NotesFormatException(path.toString(), 2, "the front matter is not a set of 'key: value' lines");
        }
        Map<String, Object> fm = new LinkedHashMap<>();
        map.forEach((k, v) -> fm.put(String.valueOf(k), (v instanceof Date d) ? toLocalDate(d) : v));
        Object slug = fm.get("slug");
        return Optional.of(new TalkFile(path, (slug != null) ? slug.toString() : stem(path), fm, bodyOf(text)));
    }

    private static Set<String> markdownStems(Path talksDir) throws IOException {
        try (Stream<Path> paths = Files.list(talksDir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".md"))
                .map(NotesImporter::stem)
                .collect(Collectors.toCollection(HashSet::new));
        }
    }

    private Map<String, Object> curatedConference(Path conference, String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Object loaded = this.yaml.load(text);
            if (loaded instanceof Map<?, ?> map) {
                Map<String, Object> curated = new LinkedHashMap<>();
                map.forEach((k, v) -> curated.put(String.valueOf(k), v));
                return curated;
            }
            throw new NotesFormatException(conference.toString(), 1, "not a set of 'key: value' lines");
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark();
            throw new NotesFormatException(conference.toString(), (mark != null) ? mark.getLine() + 1 : 1,
                    "broken YAML: " + ex.getProblem());
        }
    }

    private static LocalDate toLocalDate(Date date) {
        // SnakeYAML reads a bare date as midnight UTC.
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    private static void writeAtomically(Path path, String text) throws IOException {
        // A reader (the app's file watcher) never sees a half-written file.
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private record TalkFile(Path path, String slug, Map<String, Object> frontMatter, String body) {
    }

    private record Planned(Path path, Map<String, Object> frontMatter, String body, Optional<TalkFile> existing) {
    }
}
