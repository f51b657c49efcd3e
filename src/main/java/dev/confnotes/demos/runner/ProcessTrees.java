package dev.confnotes.demos.runner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a run's whole process tree: TERM, then KILL after the grace period. Every process recorded while
 * the run went is included, so children re-parented when their parent exited are ended too.
 */
final class ProcessTrees {

    private static final Logger log = LoggerFactory.getLogger(ProcessTrees.class);

    /** One platform thread that KILLs what is left of a process tree once its grace period is over. */
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("demo-reaper").factory());

    private ProcessTrees() {
    }

    /** Adds the run's current tree to what it has recorded. */
    static void record(Run run) {
        try {
            run.recordTree();
        }
        catch (RuntimeException ex) {
            log.debug("Could not record the process tree of run {}: {}", run.id, ex.getMessage());
        }
    }

    /**
     * TERM to every process of the run's tree recorded so far (the current tree included) that is still
     * alive, then KILL to whatever is left after the grace period (at once if zero).
     */
    static void terminate(Run run, Duration grace) {
        record(run);
        terminate(run.recordedTreeAlive(), grace);
    }

    private static void terminate(List<ProcessHandle> tree, Duration grace) {
        tree.forEach(p -> {
            if (grace.isZero()) {
                p.destroyForcibly();
            }
            else {
                p.destroy();
            }
        });
        if (grace.isZero()) {
            return;
        }
        REAPER.schedule(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                grace.toNanos(), TimeUnit.NANOSECONDS);
    }
}
