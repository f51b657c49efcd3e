import static java.time.temporal.ChronoUnit.SECONDS;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Five versions of one test of {@link OrderHandler}, written as a table, as Go's table-driven tests are.
 * Each checks the same behaviour (the order's fields, its time and id, the notification sent); they
 * differ in how they deal with the other thread and with values decided at run time.
 */
final class TestVersions {
    private TestVersions() {}

    /** What a run gets: the real collaborators a test would use without injection. */
    record Env(OrderHandler.Outbox outbox, OrderHandler real, int sleepMs) {}

    interface Body {
        void run(Env env) throws Exception;
    }

    record Version(String name, String metric, Body body) {}

    static final Instant FIXED = Instant.parse("2023-08-05T10:00:00Z");

    static final List<Version> ALL = List.of(
            new Version("assert-at-once", "atOnce", env -> {
                Instant before = Instant.now();
                var created = env.real().create("book", 2);
                checkFields(created.order());
                Check.equal("createdAt (to the second)", before.truncatedTo(SECONDS), created.order().createdAt().truncatedTo(SECONDS));
                String id = created.order().id();
                Check.isTrue("notification", env.outbox().sentFor(id), "sent for " + id, "not sent yet");
            }),
            new Version("sleep-then-assert", "sleep", env -> {
                Instant before = Instant.now();
                var created = env.real().create("book", 2);
                checkFields(created.order());
                Check.equal("createdAt (to the second)", before.truncatedTo(SECONDS), created.order().createdAt().truncatedTo(SECONDS));
                // "it is usually done by then"
                Thread.sleep(env.sleepMs());
                String id = created.order().id();
                Check.isTrue("notification", env.outbox().sentFor(id), "sent for " + id, "not sent after " + env.sleepMs() + " ms");
            }),
            new Version("await-future", "await", env -> {
                Instant before = Instant.now();
                var created = env.real().create("book", 2);
                Instant after = Instant.now();
                checkFields(created.order());
                Instant at = created.order().createdAt();
                Check.isTrue("createdAt", !at.isBefore(before) && !at.isAfter(after), "between " + before + " and " + after, at);
                // the handler returns what it started: wait for that, not for a guessed time
                String id = created.notified().get(10, TimeUnit.SECONDS);
                Check.isTrue("notification", env.outbox().sentFor(id), "sent for " + id, "not sent");
            }),
            new Version("injected-clock", "injected", env -> {
                var outbox = new OrderHandler.Outbox();
                var ids = new AtomicInteger();
                var handler = new OrderHandler(Clock.fixed(FIXED, ZoneOffset.UTC), () -> "ord-%08d".formatted(ids.incrementAndGet()),
                        Runnable::run, outbox, () -> {});
                var created = handler.create("book", 2);
                Check.equal("order", new OrderHandler.Order("ord-00000001", "book", 2, FIXED, "created"), created.order());
                Check.isTrue("notification", outbox.sentFor("ord-00000001"), "sent for ord-00000001", "not sent");
            }),
            new Version("ignore-volatile", "ignore", env -> {
                var created = env.real().create("book", 2);
                // go-cmp's cmpopts.IgnoreFields: compare everything but the id and the time
                var o = created.order();
                Check.equal("order, ignoring id and createdAt", new OrderHandler.Order(null, "book", 2, null, "created"),
                        new OrderHandler.Order(null, o.item(), o.quantity(), null, o.status()));
                String id = created.notified().get(10, TimeUnit.SECONDS);
                Check.isTrue("notification", env.outbox().sentFor(id), "sent for " + id, "not sent");
            }));

    private static void checkFields(OrderHandler.Order o) {
        Check.equal("item", "book", o.item());
        Check.equal("quantity", 2, o.quantity());
        Check.equal("status", "created", o.status());
        Check.isTrue("id", o.id().matches("ord-[0-9a-f]{8}"), "ord-<8 hex digits>", o.id());
    }
}
