package dev.confnotes.talks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Syncs the catalog at start, then, when {@code confnotes.talks.watch} is on, looks at the talks
 * folder every {@code confnotes.talks.poll-interval} and syncs when a file was added, changed or
 * removed. Polling names, sizes and times is cheap and works on every file system, where
 * {@code WatchService} misses edits on some mounts. The start-up sync runs before the web server
 * starts ({@link CatalogSync#STARTUP_PHASE}), so no page is ever served from a catalog that misses edits made while
 * the app was down.
 */
@Component
class TalkFolderWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TalkFolderWatcher.class);

    private final CatalogSync sync;

    private final TalksProperties properties;

    private final TaskScheduler scheduler;

    private volatile String lastFingerprint = "";

    private volatile ScheduledFuture<?> polling;

    private volatile boolean running;

    TalkFolderWatcher(CatalogSync sync, TalksProperties properties, TaskScheduler scheduler) {
        this.sync = sync;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        lastFingerprint = fingerprint(properties.dir());
        sync.sync();
        if (properties.watch()) {
            polling = scheduler.scheduleWithFixedDelay(this::syncIfChanged, properties.pollInterval());
        }
        running = true;
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = polling;
        if (current != null) {
            current.cancel(false);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Runs from start to stop: a paused test context would otherwise sync the whole folder again when resumed. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return CatalogSync.STARTUP_PHASE;
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
