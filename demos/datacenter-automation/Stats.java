import java.util.concurrent.atomic.AtomicLong;

/** What the controllers did, summed over every instance (a crash does not reset the count). */
final class Stats {
    final AtomicLong eventsReceived = new AtomicLong();
    final AtomicLong reconciles = new AtomicLong();
    final AtomicLong noopReconciles = new AtomicLong();
    final AtomicLong coalescedReconciles = new AtomicLong();
    final AtomicLong selfTriggered = new AtomicLong();
    final AtomicLong selfTriggeredNoops = new AtomicLong();
    final AtomicLong statusWrites = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong jobsCreated = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong backoffs = new AtomicLong();
    final AtomicLong dependencyErrors = new AtomicLong();
    final AtomicLong handlerErrors = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
}
