package dev.confnotes.talks;

import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.confnotes.system.FolderFingerprint;

/**
 * Syncs the catalog at start, then, when {@code confnotes.talks.watch} is on, looks at the talks
 * folder every {@code confnotes.talks.poll-interval} and syncs when a file was added, changed or
 * removed ({@link FolderFingerprint}). Polling names, sizes and times is cheap and works on every file
 * system, where {@code WatchService} misses edits on some mounts. The start-up sync runs before the web server
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
        lastFingerprint = fingerprint();
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
            String now = fingerprint();
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

    /** The files directly in the talks folder: the sync reads no deeper. */
    private String fingerprint() {
        return FolderFingerprint.of(properties.dir(), 1);
    }
}
