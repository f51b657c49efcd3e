package dev.confnotes.talks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the database in line with the files in {@code talks/}. Idempotent: an unchanged file is
 * not written again. A file that fails to parse is reported and skipped, and the talk it held
 * last time it parsed stays in the catalog.
 */
@Service
public class CatalogSync {

    /**
     * The lifecycle phase of the start-up sync: before the web server, which starts at
     * {@code DEFAULT_PHASE - 2048}, so no page is served from a catalog that misses edits made while
     * the app was down. Work that needs the synced catalog at start takes a later phase.
     */
    public static final int STARTUP_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    static final String CONFERENCE_FILE = "conference.yml";

    private final TalkRepository talks;

    private final TalksProperties properties;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private volatile Conference conference = new Conference("confnotes", "confnotes", List.of());


    /** Looked up at each sync, not at construction: the demos module's catalog itself reads this one. */
    private final Supplier<KnownDemos> demos;

    @Autowired
    CatalogSync(TalkRepository talks, TalksProperties properties, ApplicationEventPublisher events, Clock clock,
            ObjectProvider<KnownDemos> demos) {
        this(talks, properties, events, clock, () -> demos.getIfAvailable(() -> KnownDemos.ANY));
    }

    CatalogSync(TalkRepository talks, TalksProperties properties, ApplicationEventPublisher events, Clock clock,
            Supplier<KnownDemos> demos) {
        this.talks = talks;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.demos = demos;
    }

    public Conference conference() {
        return conference;
    }

    @Transactional
    public synchronized SyncResult sync() {
        Path dir = properties.dir();
        List<TalkFileException> found = new ArrayList<>();
        readConference(dir, found);

        Map<String, ParsedFile> parsed = new LinkedHashMap<>();
        Set<String> failedFiles = new HashSet<>();
        for (Path file : talkFiles(dir, found)) {
            String name = file.getFileName().toString();
            try {
                byte[] bytes = Files.readAllBytes(file);
                parsed.put(name, new ParsedFile(name, TalkFileParser.parse(name, bytes), sha256(bytes)));
            }
            catch (TalkFileException ex) {
                found.add(ex);
                failedFiles.add(name);
            }
            catch (IOException ex) {
                found.add(new TalkFileException(name, 0, "cannot be read: " + ex.getMessage()));
                failedFiles.add(name);
            }
        }

        Map<String, Talk> bySlug = new HashMap<>();
        for (Talk talk : talks.findAll()) {
            bySlug.put(talk.getSlug(), talk);
        }
        Map<String, ParsedFile> winners = pickSlugOwners(parsed, bySlug, found, failedFiles);
        List<LocalDate> talkDates = parsed.values().stream().map(f -> f.doc().date()).distinct().sorted().toList();

        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Talk talk : List.copyOf(bySlug.values())) {
            boolean fileGone = !parsed.containsKey(talk.getSourceFile()) && !failedFiles.contains(talk.getSourceFile());
            boolean slugMoved = parsed.containsKey(talk.getSourceFile()) && !winners.containsKey(talk.getSlug());
            if (fileGone || slugMoved) {
                talks.delete(talk);
                bySlug.remove(talk.getSlug());
                removed.add(talk.getSlug());
            }
        }
        talks.flush();
        for (ParsedFile file : winners.values()) {
            Talk talk = bySlug.get(file.doc().slug());
            int day = dayOf(file.doc().date(), talkDates);
            if (talk != null && talk.getContentHash().equals(file.hash()) && talk.getSourceFile().equals(file.name())
                    && talk.getDay() == day) {
                continue;
            }
            if (talk == null) {
                talk = new Talk(file.doc().slug());
            }
            talk.apply(file.doc(), day, file.name(), file.hash(), clock.instant());
            talks.save(talk);
            changed.add(file.doc().slug());
            file.doc().demos().stream().filter(demo -> !demos.get().exists(demo)).forEach(demo -> log.warn(
                    "Talk file {} names demo '{}', which has no demo.yml in the demos folder: its page shows a notice instead",
                    file.name(), demo));
        }
        found.forEach(problem -> log.warn("Skipped talk file {}", problem.getMessage()));
        SyncResult result = new SyncResult(changed, removed, List.copyOf(found));
        if (!changed.isEmpty() || !removed.isEmpty()) {
            log.info("Catalog synced from {}: {} changed, {} removed", dir, changed.size(), removed.size());
            events.publishEvent(result);
        }
        return result;
    }

    private void readConference(Path dir, List<TalkFileException> found) {
        Path file = dir.resolve(CONFERENCE_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            this.conference = ConferenceFileParser.parse(CONFERENCE_FILE, Files.readAllBytes(file));
        }
        catch (TalkFileException ex) {
            found.add(ex);
        }
        catch (IOException ex) {
            found.add(new TalkFileException(CONFERENCE_FILE, 0, "cannot be read: " + ex.getMessage()));
        }
    }

    private static List<Path> talkFiles(Path dir, List<TalkFileException> found) {
        if (!Files.isDirectory(dir)) {
            found.add(new TalkFileException(dir.toString(), 0, "talks folder does not exist"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                .filter(f -> f.getFileName().toString().endsWith(".md"))
                .filter(f -> !f.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            found.add(new TalkFileException(dir.toString(), 0, "cannot be listed: " + ex.getMessage()));
            return List.of();
        }
    }

    /**
     * Two files claiming one slug: the file that already holds it keeps it, else the first by name.
     * The other is reported and skipped.
     */
    private static Map<String, ParsedFile> pickSlugOwners(Map<String, ParsedFile> parsed, Map<String, Talk> existing,
            List<TalkFileException> found, Set<String> failedFiles) {
        Map<String, List<ParsedFile>> claims = new LinkedHashMap<>();
        parsed.values().forEach(f -> claims.computeIfAbsent(f.doc().slug(), s -> new ArrayList<>()).add(f));
        Map<String, ParsedFile> winners = new LinkedHashMap<>();
        claims.forEach((slug, files) -> {
            Talk holder = existing.get(slug);
            ParsedFile winner = files.stream()
                .filter(f -> holder != null && holder.getSourceFile().equals(f.name()))
                .findFirst()
                .orElse(files.getFirst());
            winners.put(slug, winner);
            files.stream().filter(f -> f != winner).forEach(loser -> {
                found.add(new TalkFileException(loser.name(), 2,
                        "slug '" + slug + "' is already used by " + winner.name()));
                failedFiles.add(loser.name());
            });
        });
        failedFiles.forEach(parsed::remove);
        return winners;
    }

    /**
     * A folder of talk files without conference.yml (or with a date it misses) still has days: the
     * talk files' own dates, in order, number them.
     */
    private int dayOf(LocalDate date, List<LocalDate> talkDates) {
        int day = conference.dayOf(date);
        if (day > 0) {
            return day;
        }
        return talkDates.indexOf(date) + 1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record ParsedFile(String name, TalkDocument doc, String hash) {
    }

    /** What one sync did; published as an event when anything changed. */
    public record SyncResult(List<String> changedSlugs, List<String> removedSlugs, List<TalkFileException> problems) {
    }
}
