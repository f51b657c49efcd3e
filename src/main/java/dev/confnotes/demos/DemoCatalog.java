package dev.confnotes.demos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.confnotes.demos.manifest.DemoManifest;
import dev.confnotes.demos.manifest.ManifestParser;
import dev.confnotes.demos.runner.DemoCompiler;
import dev.confnotes.system.FolderFingerprint;
import dev.confnotes.talks.Catalog;
import dev.confnotes.talks.DemoAnswers;
import dev.confnotes.talks.DemoPanels;
import dev.confnotes.talks.KnownDemos;
import dev.confnotes.talks.MarkdownRenderer;
import dev.confnotes.talks.RenderedNotes;

/**
 * The demos under {@code confnotes.demos.dir}: one folder each with a {@code demo.yml}. The folder is
 * looked at every {@code confnotes.talks.poll-interval}; when any file in it changed (a manifest, a
 * program or an explanation, so the page shows the code that runs), the demos are read again and
 * kept pages are dropped, so adding or editing a demo needs no restart and no code. Between changes
 * a demo is read once, however many times a page asks for it. A manifest that does not validate is
 * logged with its folder and left out.
 */
@Component("demoCatalog")
public class DemoCatalog implements DemoAnswers, DemoPanels, KnownDemos {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private static final long MAX_SOURCE_BYTES = 200_000;

    private final Path dir;

    private final MarkdownRenderer markdown;

    private final Catalog talks;

    /** Each demo as read, by id, with the generation it was read in; a folder left out is read as empty. */
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** Moves on whenever the demos folder changed; a demo loaded in an older generation is read again. */
    private final AtomicLong generation = new AtomicLong();

    private volatile String lastFingerprint;

    DemoCatalog(DemosProperties properties, MarkdownRenderer markdown, Catalog talks) {
        this.dir = properties.dir().toAbsolutePath().normalize();
        this.markdown = markdown;
        this.talks = talks;
    }

    private record Loaded(long generation, Optional<DemoView> demo) {
    }

    /**
     * The page's view of a demo: its manifest, its explanation in each language (with the Korean one's headings,
     * which a talk's follow-ups, written in Korean, are matched against) and its program source (its own files
     * first, then the shared library's, named {@code demolib/...}: the code that runs is all there).
     */
    public record DemoView(DemoManifest manifest, String explanationKo, String explanationEn,
            List<RenderedNotes.Heading> explanationHeadings, List<SourceFile> sources) implements DemoPanels.Panel {

        @Override
        public String id() {
            return manifest.id();
        }

        @Override
        public String title(Locale locale) {
            return manifest.title(locale);
        }

        /** The explanation in the page's language; the Korean one where there is no English file. */
        public String explanationHtml(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && !explanationEn.isEmpty() ? explanationEn
                    : explanationKo;
        }
    }

    public record SourceFile(String name, String text) {
    }

    @Override
    public boolean exists(String demoId) {
        return find(demoId).isPresent();
    }

    public Optional<DemoManifest> find(String id) {
        return load(id).map(DemoView::manifest);
    }

    /** The demo's page data, or null when there is no such demo. */
    public DemoView view(String id) {
        return load(id).orElse(null);
    }

    /** A talk page's panel of this demo. */
    @Override
    public Optional<DemoPanels.Panel> panel(String demoId) {
        return load(demoId).map(DemoPanels.Panel.class::cast);
    }

    /**
     * The first of the talk's demos whose manifest lists an {@code answers} keyword found in the text, and
     * the first heading of its explanation that names the keyword (blanks ignored), else its panel.
     */
    @Override
    public Optional<DemoAnswer> answering(List<String> demoIds, String text) {
        for (String id : demoIds) {
            Optional<DemoView> view = load(id);
            Optional<String> keyword = view.flatMap(v -> v.manifest().answeringKeyword(text));
            if (keyword.isPresent()) {
                String wanted = squeeze(keyword.get());
                return Optional.of(view.get().explanationHeadings().stream()
                    .filter(heading -> squeeze(heading.text()).contains(wanted))
                    .findFirst()
                    .map(heading -> new DemoAnswer(id, heading.anchor(), heading.text()))
                    .orElse(new DemoAnswer(id, "", "")));
            }
        }
        return Optional.empty();
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
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

    public Path folder(DemoManifest manifest) {
        return dir.resolve(manifest.id());
    }

    private Optional<DemoView> load(String id) {
        if (id == null || !ManifestParser.DEMO_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        // the generation is taken before reading: a change while reading leaves this read stale, to be read again
        long current = generation.get();
        Loaded before = loaded.get(id);
        if (before != null && before.generation() == current) {
            return before.demo();
        }
        Path folder = dir.resolve(id);
        if (!folder.normalize().startsWith(dir) || !Files.isRegularFile(folder.resolve("demo.yml"))) {
            // not kept: ids asked for are anyone's, folders on disk are few
            loaded.remove(id);
            return Optional.empty();
        }
        Optional<DemoView> demo = read(id, folder);
        loaded.put(id, new Loaded(current, demo));
        return demo;
    }

    private Optional<DemoView> read(String id, Path folder) {
        try {
            DemoManifest manifest = ManifestParser.parse(id,
                    Files.readString(folder.resolve("demo.yml"), StandardCharsets.UTF_8));
            if (!Files.isRegularFile(folder.resolve(manifest.main()))) {
                throw new IllegalArgumentException("main file " + manifest.main() + " is missing");
            }
            RenderedNotes korean = explanation(folder, "ko");
            return Optional.of(new DemoView(manifest, korean.html(), explanation(folder, "en").html(), korean.toc(),
                    sources(folder, manifest)));
        }
        catch (IOException | IllegalArgumentException ex) {
            log.warn("Demo {} skipped: {}/demo.yml: {}", id, folder, ex.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads the demos again when their folder changed, and drops the kept talk pages, which embed demo
     * panels. The first look also moves the generation: a demo read before it may predate an edit.
     */
    @Scheduled(fixedDelayString = "${confnotes.talks.poll-interval:1s}")
    void watch() {
        String now = FolderFingerprint.of(dir, 2);
        if (now.equals(lastFingerprint)) {
            return;
        }
        generation.incrementAndGet();
        if (lastFingerprint != null) {
            log.info("Demos changed in {}", dir);
            talks.pagesChanged();
        }
        lastFingerprint = now;
    }

    private RenderedNotes explanation(Path folder, String language) throws IOException {
        Path file = folder.resolve("explanation." + language + ".md");
        return markdown.render(Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
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
        for (Path file : DemoCompiler.librarySources(folder)) {
            if (Files.size(file) <= MAX_SOURCE_BYTES) {
                sources.add(new SourceFile(DemoCompiler.LIBRARY + "/" + file.getFileName(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(sources);
    }
}
