package dev.confnotes.demos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.confnotes.system.FolderFingerprint;
import dev.confnotes.talks.Catalog;
import dev.confnotes.talks.DemoAnswers;
import dev.confnotes.talks.MarkdownRenderer;

/**
 * The demos under {@code confnotes.demos.dir}: one folder each with a {@code demo.yml}. A folder is
 * read again when any file in it changes (manifest, program or explanation, so the page shows the
 * code that runs), and the folder is looked at every {@code confnotes.talks.poll-interval}, so
 * adding or editing a demo needs no restart and no code; kept pages are dropped when it changes. A
 * manifest that does not validate is logged with its folder and left out.
 */
@Component("demoCatalog")
public class DemoCatalog implements DemoAnswers {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private static final long MAX_SOURCE_BYTES = 200_000;

    /** The request attribute holding what this request has looked up, by demo id. */
    private static final String LOOKED_UP = DemoCatalog.class.getName() + ".lookedUp";

    private final Path dir;

    private final MarkdownRenderer markdown;

    private final Catalog talks;

    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private volatile String lastFingerprint;

    DemoCatalog(DemosProperties properties, MarkdownRenderer markdown, Catalog talks) {
        this.dir = properties.dir().toAbsolutePath().normalize();
        this.markdown = markdown;
        this.talks = talks;
    }

    private record Loaded(String fingerprint, DemoManifest manifest, DemoView view) {
    }

    /** The page's view of a demo: its manifest, explanation and program source. */
    public record DemoView(DemoManifest manifest, String explanationHtml, List<SourceFile> sources) {
    }

    public record SourceFile(String name, String text) {
    }

    public Optional<DemoManifest> find(String id) {
        return load(id).map(Loaded::manifest);
    }

    /** For templates: the demo's panel data, or null when there is no such demo. */
    public DemoView view(String id) {
        return load(id).map(Loaded::view).orElse(null);
    }

    /** The first of the talk's demos whose manifest lists an {@code answers} keyword found in the text. */
    @Override
    public Optional<String> answering(List<String> demoIds, String text) {
        return demoIds.stream()
            .map(this::find)
            .flatMap(Optional::stream)
            .filter(manifest -> manifest.answers(text))
            .map(DemoManifest::id)
            .findFirst();
    }

    public List<DemoManifest> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.map(p -> p.getFileName().toString())
                .sorted()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
        }
        catch (IOException ex) {
            log.warn("Cannot list demos in {}: {}", dir, ex.getMessage());
            return List.of();
        }
    }

    Path folder(DemoManifest manifest) {
        return dir.resolve(manifest.id());
    }

    /**
     * A demo as its folder is now, looked at once per request: a page asks for its demo in the controller,
     * in each run it replays, in its panels and in every follow-up line, and each look walks the folder. The
     * next request looks again, so an edit shows on it.
     */
    private Optional<Loaded> load(String id) {
        if (id == null || !ManifestParser.DEMO_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return read(id);
        }
        @SuppressWarnings("unchecked")
        Map<String, Optional<Loaded>> lookedUp = (Map<String, Optional<Loaded>>) request.getAttribute(LOOKED_UP,
                RequestAttributes.SCOPE_REQUEST);
        if (lookedUp == null) {
            lookedUp = new HashMap<>();
            request.setAttribute(LOOKED_UP, lookedUp, RequestAttributes.SCOPE_REQUEST);
        }
        return lookedUp.computeIfAbsent(id, this::read);
    }

    private Optional<Loaded> read(String id) {
        Path folder = dir.resolve(id);
        Path file = folder.resolve("demo.yml");
        try {
            if (!folder.normalize().startsWith(dir) || !Files.isRegularFile(file)) {
                cache.remove(id);
                return Optional.empty();
            }
            String fingerprint = fingerprint(folder);
            Loaded cached = cache.get(id);
            if (cached != null && cached.fingerprint().equals(fingerprint)) {
                return Optional.of(cached);
            }
            DemoManifest manifest = ManifestParser.parse(id, Files.readString(file, StandardCharsets.UTF_8));
            if (!Files.isRegularFile(folder.resolve(manifest.main()))) {
                throw new IllegalArgumentException("main file " + manifest.main() + " is missing");
            }
            Loaded loaded = new Loaded(fingerprint, manifest, new DemoView(manifest, explanation(folder),
                    sources(folder, manifest)));
            cache.put(id, loaded);
            return Optional.of(loaded);
        }
        catch (IOException | IllegalArgumentException ex) {
            log.warn("Demo {} skipped: {}/demo.yml: {}", id, folder, ex.getMessage());
            cache.remove(id);
            return Optional.empty();
        }
    }

    /** Talk pages embed demo panels: when any demo folder changes, the kept pages go. */
    @Scheduled(fixedDelayString = "${confnotes.talks.poll-interval:1s}")
    void watch() {
        String now = fingerprint(dir);
        if (lastFingerprint != null && !now.equals(lastFingerprint)) {
            log.info("Demos changed in {}", dir);
            talks.pagesChanged();
        }
        lastFingerprint = now;
    }

    /** The files of a demo folder and one level below it; of the demos folder, every demo's files. */
    private static String fingerprint(Path folder) {
        return FolderFingerprint.of(folder, 2);
    }

    private String explanation(Path folder) throws IOException {
        Path file = folder.resolve("explanation.md");
        return Files.isRegularFile(file) ? markdown.render(Files.readString(file, StandardCharsets.UTF_8)).html() : "";
    }

    private static List<SourceFile> sources(Path folder, DemoManifest manifest) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> java = Files.newDirectoryStream(folder, "*.java")) {
            java.forEach(files::add);
        }
        files.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(manifest.main()))
            .thenComparing(p -> p.getFileName().toString()));
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            if (Files.size(file) <= MAX_SOURCE_BYTES) {
                sources.add(new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(sources);
    }
}
