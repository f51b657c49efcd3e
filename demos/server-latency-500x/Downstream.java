import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import demolib.*;

/**
 * The downstream services: one real {@code com.sun.net.httpserver.HttpServer} per service on a loopback
 * port of its own. How long a call takes and whether it fails is decided by (seed, request key, service),
 * so the legacy server and the rewrite meet the same downstream behaviour for the same request, and their
 * waterfalls and response bytes can be compared fairly.
 */
final class Downstream implements AutoCloseable {
    /** Each service's median relative to the reader's median: the slowest call differs per service. */
    static final Map<String, Double> SERVICES = orderedFactors();

    private static Map<String, Double> orderedFactors() {
        var m = new LinkedHashMap<String, Double>();
        m.put("profile", 0.6);
        m.put("catalog", 1.0);
        m.put("pricing", 0.8);
        m.put("stock", 0.5);
        m.put("reviews", 1.4);
        m.put("recs", 1.6);
        m.put("shipping", 0.7);
        return m;
    }

    private final long seed;
    private final int medianMs;
    private final int tailPercent;
    private final int failPercent;
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    /** Calls received, by caller ({@code legacy} or {@code rewrite}): counted where they arrive. */
    private final Map<String, LongAdder> callsByCaller = new ConcurrentHashMap<>();
    // platform threads, so the allocation measured on virtual-thread carriers is the front ends' alone
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "downstream");
        t.setDaemon(true);
        return t;
    });

    Downstream(long seed, int medianMs, int tailPercent, int failPercent) throws IOException {
        this.seed = seed;
        this.medianMs = medianMs;
        this.tailPercent = tailPercent;
        this.failPercent = failPercent;
        for (String service : SERVICES.keySet()) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", ex -> serve(service, ex));
            server.setExecutor(pool);
            server.start();
            servers.put(service, server);
        }
    }

    int port(String service) {
        return servers.get(service).getAddress().getPort();
    }

    long calls(String caller) {
        LongAdder n = callsByCaller.get(caller);
        return n == null ? 0 : n.sum();
    }

    /** A stable 64-bit mix of the seed and some words (SplittableRandom's own mixer does the spreading). */
    static long mix(long seed, String... words) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (String w : words) h = (h ^ w.hashCode()) * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        return new SplittableRandom(h).nextLong();
    }

    /** How long this service takes for this request (lognormal around its median, with a slow tail) and whether it fails. */
    record Behaviour(double latencyMs, boolean fails) {}

    Behaviour behaviour(String service, String key) {
        var rnd = new SplittableRandom(mix(seed, "call", service, key));
        double ms = medianMs * SERVICES.get(service) * Math.exp(0.35 * rnd.nextGaussian());
        if (rnd.nextInt(100) < tailPercent) ms *= 4 + 4 * rnd.nextDouble();
        return new Behaviour(ms, rnd.nextInt(100) < failPercent);
    }


    private void serve(String service, HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String key = q.getOrDefault("key", "");
            String caller = ex.getRequestHeaders().getFirst("X-Caller");
            callsByCaller.computeIfAbsent(caller == null ? "?" : caller, c -> new LongAdder()).increment();
            Behaviour b = behaviour(service, key);
            try {
                Thread.sleep((long) b.latencyMs(), (int) ((b.latencyMs() % 1) * 1_000_000));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] body = b.fails() ? "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8)
                    : Json.write(data(service, q)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(b.fails() ? 503 : 200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** What a service answers: decided by the seed and the entity asked about, never by the request. */
    Map<String, Object> data(String service, Map<String, String> q) {
        String user = q.getOrDefault("user", "0");
        String item = q.getOrDefault("item", "0");
        return switch (service) {
            case "profile" -> {
                var r = new SplittableRandom(mix(seed, "user", user));
                int t = r.nextInt(10);
                yield Json.obj("name", "user" + user, "tier", t < 4 ? "guest" : t < 7 ? "silver" : "gold");
            }
            case "catalog" -> {
                var r = new SplittableRandom(mix(seed, "item", item));
                int[] discounts = {0, 0, 10, 10, 15, 20, 25, 30};
                yield Json.obj("title", "상품 " + item, "price", 5 * (200 + r.nextInt(12000)),
                        "discountPct", discounts[r.nextInt(discounts.length)],
                        "reviewCount", r.nextInt(2) == 0 ? 0 : 1 + r.nextInt(300));
            }
            case "pricing" -> Json.obj("couponPct", switch (q.getOrDefault("tier", "guest")) {
                case "gold" -> 5;
                case "silver" -> 0;
                default -> 0;
            });
            case "stock" -> {
                var r = new SplittableRandom(mix(seed, "stock", item));
                yield Json.obj("count", r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(40));
            }
            case "reviews" -> {
                var r = new SplittableRandom(mix(seed, "reviews", item));
                yield Json.obj("average", (30 + r.nextInt(21)) / 10.0, "top", List.of("좋아요", "배송이 빨라요", "가성비 최고", "그저 그래요").get(r.nextInt(4)));
            }
            case "recs" -> {
                var r = new SplittableRandom(mix(seed, "recs", user));
                yield Json.obj("items", List.of("상품 " + r.nextInt(30), "상품 " + r.nextInt(30), "상품 " + r.nextInt(30)));
            }
            case "shipping" -> {
                var r = new SplittableRandom(mix(seed, "shipping", item));
                yield Json.obj("days", 1 + r.nextInt(3));
            }
            default -> Json.obj();
        };
    }

    static Map<String, String> query(String raw) {
        var m = new LinkedHashMap<String, String>();
        if (raw == null) return m;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        servers.values().forEach(s -> s.stop(0));
        pool.shutdownNow();
    }
}
