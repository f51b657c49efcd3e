package dev.confnotes.demos;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the demo runner; each is documented in {@code application.properties} (section Demos).
 *
 * @param dir the folder of demos, one sub-folder per demo holding {@code demo.yml}
 * @param cacheDir where precompiled classes and class-data-sharing archives go
 * @param maxConcurrentRuns runs at once; 0 means one per available core
 * @param retryAfter what {@code Retry-After} says when the bound is reached
 * @param gracePeriod time between TERM and KILL when a run is ended
 * @param maxOutputBytes stdout plus stderr bytes kept per run; the rest is cut
 * @param maxLineBytes longest single output line; longer lines are cut
 * @param maxEventsPerSecond events per second per run; past it the latest metric, and the latest node, row, span,
 *        snapshot and state of each id, are kept, done and error always go through, other events are dropped
 * @param storedEvents events stored with the run in the database for replay
 * @param heartbeat how often an idle event stream sends a comment
 * @param sseTimeout how long one event-stream response may stay open
 * @param sharedLinger how long a shared run keeps going after its last viewer left
 * @param classDataSharing start runs with a per-demo class-data-sharing archive
 * @param recentRuns how many runs the history page lists
 * @param maxTotalChildHeapMb the sum of the {@code -Xmx} of all running children, in MB; a run that would
 *        pass it is refused (429) until others end, so the server's memory is never at risk
 * @param sseSenderThreads platform threads that write to all event-stream viewers (no thread per viewer)
 * @param maxSharedRuns runs of shared demos at once, a bound of their own: a shared run is one light program
 *        for all its viewers, so it never takes a slot of {@code maxConcurrentRuns} from the runs readers start
 *        (on two cores the monitor would otherwise leave room for no comparison); 2 lets a replacement start
 *        while the run it replaces is still ending
 */
@ConfigurationProperties("confnotes.demos")
public record DemosProperties(@DefaultValue("demos") Path dir, @DefaultValue("data/demo-cache") Path cacheDir,
        @DefaultValue("0") int maxConcurrentRuns, @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("2s") Duration gracePeriod, @DefaultValue("8MB") DataSize maxOutputBytes,
        @DefaultValue("16KB") DataSize maxLineBytes, @DefaultValue("200") int maxEventsPerSecond,
        @DefaultValue("2000") int storedEvents, @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration sseTimeout, @DefaultValue("10s") Duration sharedLinger,
        @DefaultValue("true") boolean classDataSharing, @DefaultValue("30") int recentRuns,
        @DefaultValue("1024") int maxTotalChildHeapMb, @DefaultValue("8") int sseSenderThreads,
        @DefaultValue("2") int maxSharedRuns) {

    public int runBound() {
        return maxConcurrentRuns > 0 ? maxConcurrentRuns : Runtime.getRuntime().availableProcessors();
    }
}
