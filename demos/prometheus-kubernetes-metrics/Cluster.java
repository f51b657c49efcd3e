import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/**
 * A model of the Kubernetes API's pods (labels, annotations, phase, IP, container ports, a resource
 * version, list-then-watch), and each pod's container: a real exporter, an HTTP server on its own
 * loopback port serving the Prometheus text format. Every pod has the IP 127.0.0.1; its port tells
 * the pods apart where a real cluster gives each pod its own IP.
 */
final class Cluster implements AutoCloseable {
    record Pod(String namespace, String name, String uid, Map<String, String> labels, Map<String, String> annotations,
            String phase, String ip, int port, String controller, long resourceVersion) {
        String key() {
            return namespace + "/" + name;
        }

        Pod with(UnaryOperator<Map<String, String>> annotationsChange, String newPhase, String newIp, long rv) {
            return new Pod(namespace, name, uid, labels, annotationsChange.apply(new LinkedHashMap<>(annotations)),
                    newPhase, newIp, port, controller, rv);
        }
    }

    record WatchEvent(String type, Pod pod) {
    }

    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, HttpServer> exporters = new LinkedHashMap<>();
    private final List<BlockingQueue<WatchEvent>> watchers = new ArrayList<>();
    private final ExecutorService threads;
    private final long seed;
    private long resourceVersion = 1000;
    private int uids;

    Cluster(ExecutorService threads, long seed) {
        this.threads = threads;
        this.seed = seed;
    }

    /** A list of every pod as ADDED, then every change as it happens: what an informer gets. */
    synchronized BlockingQueue<WatchEvent> watch() {
        var q = new LinkedBlockingQueue<WatchEvent>();
        pods.values().forEach(p -> q.add(new WatchEvent("ADDED", p)));
        watchers.add(q);
        return q;
    }

    /** Schedules a pod: its container (the exporter) starts, the pod is Pending until it has an IP. */
    Pod create(String namespace, String name, Map<String, String> labels, Map<String, String> annotations, String controller,
            boolean serveMetrics) throws IOException {
        int port;
        if (serveMetrics) {
            HttpServer s = exporter(name);
            port = s.getAddress().getPort();
            synchronized (this) {
                exporters.put(namespace + "/" + name, s);
            }
        }
        else {
            port = freePort();
        }
        Map<String, String> ann = new LinkedHashMap<>();
        annotations.forEach((k, v) -> ann.put(k, v.replace("{port}", String.valueOf(port))));
        synchronized (this) {
            Pod p = new Pod(namespace, name, "uid-" + (++uids), Map.copyOf(labels), ann, "Pending", "", port, controller, ++resourceVersion);
            put("ADDED", p);
            return p;
        }
    }

    /** The kubelet reports the pod Running with its IP. */
    synchronized void markRunning(String key) {
        Pod p = pods.get(key);
        put("MODIFIED", p.with(a -> a, "Running", "127.0.0.1", ++resourceVersion));
    }

    /** {@code kubectl annotate --overwrite}. */
    synchronized void annotate(String key, String annotation, String value) {
        Pod p = pods.get(key);
        put("MODIFIED", p.with(a -> {
            a.put(annotation, value);
            return a;
        }, p.phase(), p.ip(), ++resourceVersion));
    }

    synchronized Pod get(String key) {
        return pods.get(key);
    }

    private void put(String type, Pod p) {
        pods.put(p.key(), p);
        for (var w : watchers) w.add(new WatchEvent(type, p));
    }

    /** A port nothing listens on: what a wrong {@code prometheus.io/port} annotation points at. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The pod's exporter: counters that grow, a gauge, a histogram, and a label value that needs escaping. */
    private HttpServer exporter(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        var random = new SplittableRandom(seed ^ name.hashCode());
        long[] ok = {0}, errors = {0}, buckets = new long[4];
        double[] sum = {0};
        s.createContext("/metrics", ex -> {
            try (ex) {
                String text;
                synchronized (ok) {
                    int n = 20 + random.nextInt(30);
                    ok[0] += n;
                    if (random.nextInt(10) == 0) errors[0]++;
                    for (int i = 0; i < n; i++) {
                        double d = random.nextDouble() * random.nextDouble() * 0.6;
                        sum[0] += d;
                        if (d <= 0.05) buckets[0]++;
                        if (d <= 0.1) buckets[1]++;
                        if (d <= 0.5) buckets[2]++;
                        buckets[3]++;
                    }
                    text = "# HELP http_requests_total Requests handled, by status code.\n"
                            + "# TYPE http_requests_total counter\n"
                            + "http_requests_total{code=\"200\",method=\"get\"} " + ok[0] + "\n"
                            + "http_requests_total{code=\"500\",method=\"get\"} " + errors[0] + "\n"
                            + "# HELP http_request_duration_seconds Request latency.\n"
                            + "# TYPE http_request_duration_seconds histogram\n"
                            + "http_request_duration_seconds_bucket{le=\"0.05\"} " + buckets[0] + "\n"
                            + "http_request_duration_seconds_bucket{le=\"0.1\"} " + buckets[1] + "\n"
                            + "http_request_duration_seconds_bucket{le=\"0.5\"} " + buckets[2] + "\n"
                            + "http_request_duration_seconds_bucket{le=\"+Inf\"} " + buckets[3] + "\n"
                            + "http_request_duration_seconds_sum " + sum[0] + "\n"
                            + "http_request_duration_seconds_count " + buckets[3] + "\n"
                            + "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
                            + "# TYPE process_resident_memory_bytes gauge\n"
                            + "process_resident_memory_bytes " + (40_000_000 + random.nextInt(5_000_000)) + "\n"
                            + "# HELP app_build_info Build information.\n"
                            + "# TYPE app_build_info gauge\n"
                            + "app_build_info{version=\"1.4.2\",pod=\"" + name + "\",note=\"tagged \\\"stable\\\"\\\\main\"} 1\n";
                }
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        s.setExecutor(threads);
        s.start();
        return s;
    }

    @Override
    public synchronized void close() {
        exporters.values().forEach(s -> s.stop(0));
    }
}
