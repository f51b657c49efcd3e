import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import demolib.*;

/**
 * A front-end server on loopback ({@code GET /page?key=&user=&item=}): its handler runs on a virtual
 * thread per request and calls the downstream services over real HTTP. Each request's calls are
 * recorded as spans (the tracer's exporter is a map the program reads after the response).
 */
final class Frontend implements AutoCloseable {

    /** A handler strategy: the same page, called for in its own order. */
    interface Handler {
        byte[] handle(Request r, ExecutorService exec) throws Exception;
    }

    /** One downstream call of a request, in ms since the request reached the handler. */
    record Span(String service, double start, double end, boolean ok) {}

    /** One request inside the handler: its key and entities, its calls, and a client to make them. */
    final class Request {
        final String key, user, item;
        final long t0 = System.nanoTime();
        final List<Span> spans = new ArrayList<>();
        volatile double totalMs;
        volatile boolean errorPage;

        Request(String key, String user, String item) {
            this.key = key;
            this.user = user;
            this.item = item;
        }

        /** One downstream call over HTTP; a non-200 answer is a {@link Failure}. */
        Map<String, Object> call(String service, String... extra) throws IOException, Failure {
            var q = new StringBuilder("key=").append(enc(key)).append("&user=").append(enc(user)).append("&item=").append(enc(item));
            for (int i = 0; i + 1 < extra.length; i += 2) q.append('&').append(extra[i]).append('=').append(enc(extra[i + 1]));
            double start = ms();
            var conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + downstream.port(service) + "/?" + q).toURL().openConnection();
            conn.setRequestProperty("X-Caller", name);
            conn.setConnectTimeout(5000);
            conn.setReadTimeout(30000);
            int status = conn.getResponseCode();
            String body;
            try (InputStream in = status == 200 ? conn.getInputStream() : conn.getErrorStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            synchronized (spans) {
                spans.add(new Span(service, start, ms(), status == 200));
            }
            if (status != 200) throw new Failure(service);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(body);
            return m;
        }

        /** A call whose failure the page survives: null instead. */
        Map<String, Object> optional(String service, String... extra) throws IOException {
            try {
                return call(service, extra);
            }
            catch (Failure f) {
                return null;
            }
        }

        double ms() {
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** A downstream service answered with an error. */
    static final class Failure extends Exception {
        Failure(String service) {
            super(service + " unavailable", null, false, false);
        }
    }

    final String name;
    private final Downstream downstream;
    private final Handler handler;
    private final HttpServer server;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Request> finished = new ConcurrentHashMap<>();

    Frontend(String name, Downstream downstream, Handler handler) throws IOException {
        this.name = name;
        this.downstream = downstream;
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/page", ex -> {
            try (ex) {
                Map<String, String> q = Downstream.query(ex.getRequestURI().getRawQuery());
                var r = new Request(q.getOrDefault("key", ""), q.getOrDefault("user", "0"), q.getOrDefault("item", "0"));
                byte[] body;
                int status = 200;
                try {
                    body = handler.handle(r, virtualThreads);
                    if (r.errorPage) status = 503;
                }
                catch (Exception e) {
                    e.printStackTrace();
                    body = ("internal error: " + e).getBytes(StandardCharsets.UTF_8);
                    status = 500;
                }
                r.totalMs = r.ms();
                finished.put(r.key, r);
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(status, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.setExecutor(virtualThreads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The trace of a finished request (removed: each is read once). */
    Request trace(String key) {
        return finished.remove(key);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        virtualThreads.shutdownNow();
    }
}
