import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import demolib.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API server on a loopback port, over {@link Store}, shaped like Kubernetes' REST API:
 * <pre>
 *   GET    /apis/{kind}                 list (items + resourceVersion)
 *   POST   /apis/{kind}                 create (409 AlreadyExists)
 *   GET    /apis/{kind}/{name}          read (404 NotFound)
 *   PUT    /apis/{kind}/{name}          update labels and spec (409 Conflict on a stale resourceVersion)
 *   PUT    /apis/{kind}/{name}/status   update status (the same check; generation stays)
 *   DELETE /apis/{kind}/{name}          delete, and what it owns
 *   GET    /watch?resourceVersion=N     every change after N, one JSON line each, as they happen
 *   POST   /bmc/{server}/power          the flaky provisioning dependency (503 at the set rate)
 *   GET    /bmc/{server}/health         has it booted the installed image? (503 at the set rate)
 * </pre>
 * The watch drops each change it would send with the set probability: the model of a controller
 * missing events (a broken watch resumed past them, a restart).
 */
final class ApiServer implements AutoCloseable {
    final Store store;
    final Bmc bmc;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final double dropRate;
    private final long seed;
    private final AtomicLong watchCount = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    ApiServer(Store store, Bmc bmc, double dropRate, long seed) throws IOException {
        this.store = store;
        this.bmc = bmc;
        this.dropRate = dropRate;
        this.seed = seed;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.setExecutor(threads);
        http.createContext("/apis/", this::apis);
        http.createContext("/watch", this::watch);
        http.createContext("/bmc/", this::bmc);
        http.start();
    }

    String base() {
        return "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort();
    }

    private void apis(HttpExchange ex) throws IOException {
        try (ex) {
            String[] p = ex.getRequestURI().getPath().substring("/apis/".length()).split("/");
            String method = ex.getRequestMethod();
            try {
                Object out;
                if (p.length == 1 && method.equals("GET")) out = store.list(p[0]);
                else if (p.length == 1 && method.equals("POST")) out = store.create(body(ex, p[0], null));
                else if (p.length == 2 && method.equals("GET")) out = store.get(p[0], p[1]);
                else if (p.length == 2 && method.equals("PUT")) out = store.update(body(ex, p[0], p[1]));
                else if (p.length == 3 && p[2].equals("status") && method.equals("PUT")) out = store.updateStatus(body(ex, p[0], p[1]));
                else if (p.length == 2 && method.equals("DELETE")) {
                    store.delete(p[0], p[1]);
                    out = Json.obj("kind", "Status", "code", 200, "status", "Success");
                }
                else throw new ApiException(405, "MethodNotAllowed", method + " " + ex.getRequestURI().getPath());
                send(ex, 200, out);
            }
            catch (ApiException e) {
                send(ex, e.status, status(e));
            }
            catch (IllegalArgumentException | ClassCastException e) {
                send(ex, 400, status(new ApiException(400, "BadRequest", String.valueOf(e.getMessage()))));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange ex, String kind, String name) throws IOException {
        Object parsed = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> m)) throw new IllegalArgumentException("the body must be an object");
        var o = (Map<String, Object>) m;
        if (!kind.equals(o.get("kind"))) throw new IllegalArgumentException("kind " + o.get("kind") + " sent to /apis/" + kind);
        if (name != null && !name.equals(Obj.name(o))) throw new IllegalArgumentException("name " + Obj.name(o) + " sent to " + name);
        return o;
    }

    private static Map<String, Object> status(ApiException e) {
        return Json.obj("kind", "Status", "code", e.status, "reason", e.reason, "message", e.getMessage());
    }

    private static void send(HttpExchange ex, int code, Object body) throws IOException {
        byte[] b = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    private void watch(HttpExchange ex) throws IOException {
        try (ex) {
            String query = ex.getRequestURI().getQuery();
            long from = query != null && query.startsWith("resourceVersion=") ? Long.parseLong(query.substring(16)) : store.revision();
            BlockingQueue<Store.Change> q;
            try {
                q = store.watch(from);
            }
            catch (ApiException e) {
                send(ex, e.status, status(e));
                return;
            }
            // each watch drops changes on its own seeded stream
            var random = new SplittableRandom(seed * 31 + watchCount.incrementAndGet());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked: one line per change, for as long as the client reads
            OutputStream out = ex.getResponseBody();
            try {
                while (!closing) {
                    Store.Change c = q.poll(300, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        out.write('\n'); // a heartbeat: finds a client that went away
                        out.flush();
                        continue;
                    }
                    if (random.nextDouble() < dropRate) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    sent.incrementAndGet();
                    out.write((Json.write(Json.obj("type", c.type(), "object", c.object())) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            catch (IOException | InterruptedException gone) {
                // the client closed the watch (a crash, or the end of the run)
            }
            finally {
                store.unwatch(q);
            }
        }
    }

    private void bmc(HttpExchange ex) throws IOException {
        try (ex) {
            String[] p = ex.getRequestURI().getPath().substring("/bmc/".length()).split("/");
            if (p.length != 2) {
                send(ex, 404, status(new ApiException(404, "NotFound", ex.getRequestURI().getPath())));
                return;
            }
            try {
                Object out = switch (p[1]) {
                    case "power" -> bmc.powerOn(p[0]);
                    case "health" -> bmc.health(p[0]);
                    default -> throw new ApiException(404, "NotFound", p[1]);
                };
                send(ex, 200, out);
            }
            catch (ApiException e) {
                send(ex, e.status, status(e));
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        http.stop(0);
        threads.shutdownNow();
    }
}
