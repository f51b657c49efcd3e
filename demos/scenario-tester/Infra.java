import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import demolib.*;

/**
 * The infrastructure a wallet service is given: where wallets are kept, where events go, what time it
 * is. Two bindings: in memory (maps and a list), and on files in a temp folder (a JSON file per wallet,
 * an append-only events file). The scenario tester reads side effects back through the same interfaces,
 * so a Then step does not care which binding ran.
 */
record Infra(Store store, EventBus bus, Clock clock) {

    record Wallet(String id, long balance, Instant expiresAt) {
        Map<String, Object> json() {
            return Json.obj("id", id, "balance", balance, "expiresAt", expiresAt.toString());
        }
    }

    interface Store {
        Optional<Wallet> find(String id);

        void save(Wallet w);

        boolean orderSeen(String orderId);

        void markOrder(String orderId);

        List<Wallet> all();
    }

    interface EventBus {
        void publish(Map<String, Object> event);

        List<Map<String, Object>> published();
    }

    static final class MemoryStore implements Store {
        private final Map<String, Wallet> wallets = new LinkedHashMap<>();
        private final Set<String> orders = new LinkedHashSet<>();

        public Optional<Wallet> find(String id) {
            return Optional.ofNullable(wallets.get(id));
        }

        public void save(Wallet w) {
            wallets.put(w.id(), w);
        }

        public boolean orderSeen(String orderId) {
            return orders.contains(orderId);
        }

        public void markOrder(String orderId) {
            orders.add(orderId);
        }

        public List<Wallet> all() {
            return List.copyOf(wallets.values());
        }
    }

    static final class RecordingBus implements EventBus {
        private final List<Map<String, Object>> events = new ArrayList<>();

        public void publish(Map<String, Object> event) {
            events.add(event);
        }

        public List<Map<String, Object>> published() {
            return List.copyOf(events);
        }
    }

    /** Wallets as JSON files, orders as lines of a file, in a folder of their own. */
    static final class FileStore implements Store {
        private final Path dir;

        FileStore(Path dir) {
            this.dir = dir;
            io(() -> Files.createDirectories(dir.resolve("wallets")));
        }

        private Path file(String id) {
            // ids come from scenarios: keep them to a safe file name
            if (!id.matches("[A-Za-z0-9_-]{1,40}")) throw new IllegalArgumentException("wallet id '" + id + "' is not a plain name");
            return dir.resolve("wallets").resolve(id + ".json");
        }

        public Optional<Wallet> find(String id) {
            Path f = file(id);
            if (!Files.exists(f)) return Optional.empty();
            @SuppressWarnings("unchecked")
            var m = (Map<String, Object>) Json.parse(io(() -> Files.readString(f)));
            return Optional.of(new Wallet((String) m.get("id"), ((Number) m.get("balance")).longValue(), Instant.parse((String) m.get("expiresAt"))));
        }

        public void save(Wallet w) {
            io(() -> Files.writeString(file(w.id()), Json.write(w.json())));
        }

        public boolean orderSeen(String orderId) {
            Path f = dir.resolve("orders.txt");
            return Files.exists(f) && io(() -> Files.readAllLines(f)).contains(orderId);
        }

        public void markOrder(String orderId) {
            io(() -> Files.writeString(dir.resolve("orders.txt"), orderId + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        }

        public List<Wallet> all() {
            try (var files = Files.list(dir.resolve("wallets"))) {
                return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().map(id -> find(id).orElseThrow()).toList();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Events appended to a JSON-lines file and read back from it. */
    static final class FileBus implements EventBus {
        private final Path file;

        FileBus(Path file) {
            this.file = file;
        }

        public void publish(Map<String, Object> event) {
            io(() -> Files.writeString(file, Json.write(event) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> published() {
            if (!Files.exists(file)) return List.of();
            return io(() -> Files.readAllLines(file)).stream().map(l -> (Map<String, Object>) Json.parse(l)).toList();
        }
    }

    interface IoWork<T> {
        T run() throws IOException;
    }

    static <T> T io(IoWork<T> w) {
        try {
            return w.run();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
