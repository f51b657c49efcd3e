import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The code under test: creates an order, stamps it with the time and a random id, stores it, and sends
 * a notification on another thread. What a test can control is what it is given: the clock, the id
 * source and the executor the notification runs on; the future it returns is the talk's "return a
 * channel", so a caller can wait for the notification instead of guessing how long it takes.
 */
final class OrderHandler {

    record Order(String id, String item, int quantity, Instant createdAt, String status) {}

    /** The answer: the order, and the notification still on its way. */
    record Created(Order order, CompletableFuture<String> notified) {}

    /** Where notifications end up (a mail or push service in real life). */
    static final class Outbox {
        private final Set<String> sent = ConcurrentHashMap.newKeySet();

        boolean sentFor(String orderId) {
            return sent.contains(orderId);
        }

        void send(String orderId) {
            sent.add(orderId);
        }
    }

    private final Clock clock;
    private final Supplier<String> ids;
    private final Executor notifier;
    private final Outbox outbox;
    private final Runnable sending;
    private final Map<String, Order> store = new ConcurrentHashMap<>();

    /** @param sending the work of sending one notification (encoding it, a network round trip) */
    OrderHandler(Clock clock, Supplier<String> ids, Executor notifier, Outbox outbox, Runnable sending) {
        this.clock = clock;
        this.ids = ids;
        this.notifier = notifier;
        this.outbox = outbox;
        this.sending = sending;
    }

    Created create(String item, int quantity) {
        var order = new Order(ids.get(), item, quantity, clock.instant(), "created");
        store.put(order.id(), order);
        CompletableFuture<String> notified = CompletableFuture.supplyAsync(() -> {
            sending.run();
            outbox.send(order.id());
            return order.id();
        }, notifier);
        return new Created(order, notified);
    }
}
