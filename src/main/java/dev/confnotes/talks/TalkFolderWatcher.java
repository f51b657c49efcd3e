package dev.confnotes.talks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Syncs the catalog at start, then, when {@code confnotes.talks.watch} is on, looks at the talks
 * folder every {@code confnotes.talks.poll-interval} and syncs when a file was added, changed or
 * removed. Polling names, sizes and times is cheap and works on every file system, where
 * {@code WatchService} misses edits on some mounts.
 */
@Component
class TalkFolderWatcher implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TalkFolderWatcher.class);

    private final CatalogSync sync;

    private final TalksProperties properties;

    private final TaskScheduler scheduler;

    private volatile String lastFingerprint = "";

    TalkFolderWatcher(CatalogSync sync, TalksProperties properties, TaskScheduler scheduler) {
        this.sync = sync;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public void run(ApplicationArguments args) {
        lastFingerprint = fingerprint(properties.dir());
        sync.sync();
        if (properties.watch()) {
            scheduler.scheduleWithFixedDelay(this::syncIfChanged, properties.pollInterval());
        }
    }

    void syncIfChanged() {
        try {
            String now = fingerprint(properties.dir());
            if (!now.equals(lastFingerprint)) {
                sync.sync();
                // only after a sync that went through: a failed one is tried again next time
                lastFingerprint = now;
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not sync the talks folder", ex);
        }
    }

    static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            files.sorted().forEach(file -> {
                try {
                    out.append(file.getFileName())
                        .append(':')
                        .append(Files.size(file))
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append('\n');
                }
                catch (IOException ex) {
                    out.append(file.getFileName()).append(":?\n");
                }
            });
            return out.toString();
        }
        catch (IOException ex) {
            return "";
        }
    }
}
