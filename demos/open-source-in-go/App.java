import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three-service app under test, every service a real HTTP server on loopback: {@code gateway} calls
 * one of two {@code orders} replicas through a client with an optional timeout and retries, and each
 * replica calls {@code stock}. Faults are injected inside a replica's handler, where Litmus's helper
 * would act on the pod (tc netem for latency, a killed container, an error-returning proxy).
 */
final class App implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** One virtual thread per exchange, for every server and client: a slow call parks, it holds no OS thread. */
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    final HttpClient client;
    final HttpServer gateway;
    final HttpServer stock;
    final List<Replica> orders;

    final int timeoutMs;
    final int retries;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong retriesMade = new AtomicLong();
    private final AtomicInteger next = new AtomicInteger();
    private final SplittableRandom random;

    App(int timeoutMs, int retries, long seed) throws IOException {
        this.timeoutMs = timeoutMs;
        this.retries = retries;
        this.random = new SplittableRandom(seed);
        this.client = HttpClient.newBuilder().executor(threads).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.stock = server(0, "/reserve", ex -> {
            sleep(1 + nextInt(3));
            reply(ex, 200, "reserved");
        });
        this.orders = List.of(new Replica("orders-1"), new Replica("orders-2"));
        for (Replica r : orders) r.start();
        this.gateway = server(0, "/checkout", this::checkout);
    }

    int gatewayPort() {
        return gateway.getAddress().getPort();
    }

    /** The gateway: round-robin over the replicas; a failed or timed-out call goes to the next replica while retries last. */
    private void checkout(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            int first = Math.floorMod(next.getAndIncrement(), orders.size());
            String failure = "none";
            for (int attempt = 0; attempt <= retries; attempt++) {
                if (attempt > 0) retriesMade.incrementAndGet();
                Replica r = orders.get((first + attempt) % orders.size());
                var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port + "/order"));
                if (timeoutMs > 0) req.timeout(Duration.ofMillis(timeoutMs));
                try {
                    HttpResponse<String> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() == 200) {
                        reply(ex, 200, "ok via " + r.name);
                        return;
                    }
                    failure = "status " + resp.statusCode();
                }
                catch (java.net.http.HttpTimeoutException e) {
                    failure = "timeout";
                }
                catch (IOException e) {
                    failure = "unreachable";
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                    break;
                }
            }
            reply(ex, failure.equals("timeout") ? 504 : 502, failure);
        }
        finally {
            inFlight.decrementAndGet();
        }
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    /** One replica of {@code orders}, with the faults that may be injected into it. */
    final class Replica {
        final String name;
        volatile int port;
        volatile HttpServer server;
        volatile int latencyMs;
        volatile double errorShare;

        Replica(String name) {
            this.name = name;
        }

        void start() throws IOException {
            server = server(port, "/order", ex -> {
                if (latencyMs > 0) sleep(latencyMs);
                if (errorShare > 0 && nextDouble() < errorShare) {
                    reply(ex, 500, "injected error");
                    return;
                }
                sleep(2 + nextInt(6));
                try {
                    var resp = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stock.getAddress().getPort() + "/reserve")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    reply(ex, resp.statusCode() == 200 ? 200 : 503, "order placed by " + name);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply(ex, 503, "interrupted");
                }
            });
            port = server.getAddress().getPort();
        }

        /** The pod is gone: its listening socket closes and open connections are cut. */
        void kill() {
            HttpServer s = server;
            server = null;
            if (s != null) s.stop(0);
        }

        /** The replacement pod comes up on the same address. */
        void restart() throws IOException {
            if (server == null) start();
        }

        boolean alive() {
            return server != null;
        }
    }

    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private HttpServer server(int port, String path, Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 200);
        s.createContext(path, ex -> {
            try (ex) {
                handler.handle(ex);
            }
        });
        s.setExecutor(threads);
        s.start();
        return s;
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static void sleep(long ms) {
        sleep(ms, 0);
    }

    static void sleep(long ms, int nanos) {
        try {
            Thread.sleep(ms, nanos);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gateway.stop(0);
        for (Replica r : orders) r.kill();
        stock.stop(0);
        client.shutdownNow();
        threads.shutdownNow();
    }
}
