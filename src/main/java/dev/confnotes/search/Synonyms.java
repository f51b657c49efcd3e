package dev.confnotes.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dictionary of equivalent terms search applies to every query: the general one shipped with the
 * app ({@value #GENERAL}, software terms) and, when the content folder has one, its own
 * {@value #CONTENT_FILE} (a conference's names and jargon). Both are applied when a query is
 * analysed, never at indexing, so a change needs no reindex: the content file is looked at as often
 * as the talk files are ({@code confnotes.talks.poll-interval}) and read again when it changed, and
 * cached results are dropped. A malformed line is logged with its file and line and left out.
 */
@Component
class Synonyms {

    private static final Logger log = LoggerFactory.getLogger(Synonyms.class);

    static final String GENERAL = "search/synonyms.txt";

    static final String CONTENT_FILE = "synonyms.txt";

    private final Path contentFile;

    private final boolean watch;

    private final String general;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private volatile SynonymDictionary dictionary;

    private volatile List<SynonymDictionary.Problem> problems = List.of();

    private volatile String fingerprint;

    Synonyms(@Value("${confnotes.talks.dir:talks}") Path talksDir,
            @Value("${confnotes.talks.watch:true}") boolean watch) {
        this.contentFile = talksDir.resolve(CONTENT_FILE);
        this.watch = watch;
        this.general = readGeneral();
        this.fingerprint = fingerprint();
        this.dictionary = load();
    }

    SynonymDictionary dictionary() {
        return dictionary;
    }

    /** The lines the last reading left out, with why. */
    List<SynonymDictionary.Problem> problems() {
        return problems;
    }

    /** Called after every change of the dictionary (search drops its cached results). */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Reads the content file again when it was added, changed or removed since last looked at. */
    @Scheduled(fixedDelayString = "${confnotes.talks.poll-interval:1s}",
            initialDelayString = "${confnotes.talks.poll-interval:1s}")
    void watch() {
        if (!watch) {
            return;
        }
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return;
        }
        fingerprint = now;
        dictionary = load();
        log.info("Synonyms read again from {}: {} groups in all", contentFile, dictionary.groups());
        listeners.forEach(Runnable::run);
    }

    private SynonymDictionary load() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(GENERAL, general);
        if (Files.isRegularFile(contentFile)) {
            try {
                sources.put(contentFile.toString(), Files.readString(contentFile, StandardCharsets.UTF_8));
            }
            catch (IOException | UncheckedIOException ex) {
                log.warn("Synonyms file {} could not be read; the general dictionary alone applies: {}", contentFile,
                        ex.getMessage());
            }
        }
        List<SynonymDictionary.Problem> found = new ArrayList<>();
        SynonymDictionary read = SynonymDictionary.parse(sources, found);
        for (SynonymDictionary.Problem problem : found) {
            log.warn("Synonyms line left out: {}", problem);
        }
        problems = List.copyOf(found);
        return read;
    }

    private String fingerprint() {
        try {
            return Files.isRegularFile(contentFile)
                    ? Files.size(contentFile) + ":" + Files.getLastModifiedTime(contentFile).toMillis() : "";
        }
        catch (IOException ex) {
            return "?";
        }
    }

    private static String readGeneral() {
        try (InputStream in = Synonyms.class.getClassLoader().getResourceAsStream(GENERAL)) {
            if (in == null) {
                throw new IllegalStateException("The general synonyms file is missing from the app: " + GENERAL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
