import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import demolib.*;

/**
 * The tester: builds a case's Given into fresh infrastructure of the chosen binding, hands it to the
 * implementation, sends the When request over HTTP, and checks each Then step against the answer and
 * against the side effects read back from the infrastructure.
 */
final class Tester {
    static final Instant DEFAULT_NOW = Instant.parse("2023-08-06T10:00:00Z");

    /** One checked step: where the first difference is, and both sides as JSON, when it fails. */
    record Step(String name, boolean pass, String path, String expected, String actual) {}

    record Result(Generator.Case c, String impl, String binding, List<Step> steps) {
        boolean pass() {
            return steps.stream().allMatch(Step::pass);
        }
    }

    private final Path temp;
    private int folders;

    Tester(Path temp) {
        this.temp = temp;
    }

    /** The Given as infrastructure; throws IllegalArgumentException naming the case when it is malformed. */
    Infra given(Generator.Case c, String binding) {
        Instant now;
        try {
            now = c.given().get("now") == null ? DEFAULT_NOW : Instant.parse(String.valueOf(c.given().get("now")));
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("case '" + c.name() + "': given.now must be an instant like 2023-08-06T10:00:00Z");
        }
        Infra infra = switch (binding) {
            case "files" -> {
                Path dir = temp.resolve("case-" + (++folders));
                yield new Infra(new Infra.FileStore(dir), new Infra.FileBus(dir.resolve("events.jsonl")), Clock.fixed(now, ZoneOffset.UTC));
            }
            default -> new Infra(new Infra.MemoryStore(), new Infra.RecordingBus(), Clock.fixed(now, ZoneOffset.UTC));
        };
        Object wallets = c.given().getOrDefault("wallets", List.of());
        if (!(wallets instanceof List<?> list)) throw new IllegalArgumentException("case '" + c.name() + "': given.wallets must be a list");
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> w) || !(w.get("id") instanceof String id) || !(w.get("balance") instanceof Long balance)) {
                throw new IllegalArgumentException("case '" + c.name() + "': each of given.wallets needs an \"id\" and a whole-number \"balance\"");
            }
            Instant expires;
            try {
                expires = w.get("expiresAt") == null ? now.plus(WalletService.VALIDITY) : Instant.parse(String.valueOf(w.get("expiresAt")));
            }
            catch (RuntimeException e) {
                throw new IllegalArgumentException("case '" + c.name() + "': given.wallets expiresAt must be an instant");
            }
            if (!id.matches("[A-Za-z0-9_-]{1,40}")) throw new IllegalArgumentException("case '" + c.name() + "': wallet id '" + id + "' is not a plain name");
            infra.store().save(new Infra.Wallet(id, balance, expires));
        }
        Object orders = c.given().getOrDefault("orders", List.of());
        if (!(orders instanceof List<?> ol)) throw new IllegalArgumentException("case '" + c.name() + "': given.orders must be a list");
        ol.forEach(o -> infra.store().markOrder(String.valueOf(o)));
        return infra;
    }

    Result run(Generator.Case c, String impl, String binding, WalletServer server, Function<Infra, WalletService> make) throws IOException {
        var steps = new ArrayList<Step>();
        Infra infra = given(c, binding);
        steps.add(new Step("given", true, null, null, null));
        server.use(make.apply(infra));
        String method = (String) c.when().get("method");
        var conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + c.when().get("path")).toURL().openConnection();
        conn.setRequestMethod(method);
        conn.setConnectTimeout(5000);
        conn.setReadTimeout(10000);
        if (c.when().containsKey("body")) {
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "application/json");
            conn.getOutputStream().write(Json.write(c.when().get("body")).getBytes(StandardCharsets.UTF_8));
        }
        int status = conn.getResponseCode();
        Object body;
        try (InputStream in = status < 400 ? conn.getInputStream() : conn.getErrorStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            body = text.isBlank() ? Map.of() : Json.parse(text);
        }
        steps.add(new Step("when", true, null, null, null));
        Map<String, Object> then = c.then();
        steps.add(check("then.status", then.get("status"), (long) status));
        if (then.containsKey("body")) steps.add(check("then.body", then.get("body"), body));
        if (then.containsKey("events")) steps.add(check("then.events", then.get("events"), infra.bus().published()));
        if (then.containsKey("wallets")) steps.add(check("then.wallets", then.get("wallets"),
                infra.store().all().stream().map(Infra.Wallet::json).toList()));
        return new Result(c, impl, binding, steps);
    }

    private static Step check(String name, Object expected, Object actual) {
        String path = firstDifference("", expected, actual);
        return new Step(name, path == null, path, Json.write(expected), Json.write(actual));
    }

    /**
     * Where {@code actual} first fails {@code expected}, or null: an object matches when every expected
     * field matches (extra fields are ignored), a list when it has the same length and each item
     * matches, numbers by value.
     */
    static String firstDifference(String path, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) return path.isEmpty() ? "(whole)" : path;
            for (var entry : e.entrySet()) {
                String p = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
                if (!a.containsKey(entry.getKey())) return p;
                String d = firstDifference(p, entry.getValue(), a.get(entry.getKey()));
                if (d != null) return d;
            }
            return null;
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a)) return path.isEmpty() ? "(whole)" : path;
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                String d = firstDifference(path + "[" + i + "]", e.get(i), a.get(i));
                if (d != null) return d;
            }
            return e.size() == a.size() ? null : path + "[" + Math.min(e.size(), a.size()) + "]";
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0 ? null : (path.isEmpty() ? "(whole)" : path);
        }
        return java.util.Objects.equals(expected, actual) ? null : (path.isEmpty() ? "(whole)" : path);
    }
}
