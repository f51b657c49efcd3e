import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * A small Prometheus: kubernetes service discovery (role {@code pod}: one target per container port, with
 * the {@code __meta_kubernetes_*} labels), a scrape pool that relabels the discovered targets at each
 * refresh, and a scrape loop per target that fetches and parses the text format.
 */
final class Scraper {
    static final String JOB = "kubernetes-pods";

    /** A target as service discovery found it, before relabelling. */
    record Discovered(String key, String pod, Map<String, String> labels) {
    }

    /** One scrape pool entry: a discovered target, active (with its loop) or dropped. */
    static final class Target {
        final Discovered discovered;
        final Relabel.Outcome outcome;
        final TreeMap<String, String> labels;
        final String url;
        final String dropReason;
        final int createdAtRefresh;
        volatile boolean stopped;
        /** ok (up), error (down) or unknown: the words the targets table colours as a badge. */
        volatile String health = "unknown";
        volatile String lastError = "";
        volatile double durationMs;
        volatile int samples;
        volatile Map<String, Integer> families = Map.of();
        /** One series of each family, labels and all, as the scraper stored it. */
        volatile Map<String, String> examples = Map.of();
        volatile int scrapes;
        volatile long firstScrapeMs = -1;

        Target(Discovered d, Relabel.Outcome outcome, TreeMap<String, String> labels, String url, String dropReason, int refresh) {
            this.discovered = d;
            this.outcome = outcome;
            this.labels = labels;
            this.url = url;
            this.dropReason = dropReason;
            this.createdAtRefresh = refresh;
        }

        boolean active() {
            return dropReason == null;
        }
    }

    private final List<Relabel> rules;
    private final long intervalMs;
    private final HttpClient client;
    private final ExecutorService threads;
    private final Map<String, List<Discovered>> groups = new LinkedHashMap<>();
    private boolean dirty;
    /** For each discovered target, how many refreshes had run when discovery first saw it. */
    final Map<String, Integer> seenBefore = new ConcurrentHashMap<>();
    final Map<String, Target> targets = new ConcurrentHashMap<>();
    volatile int refreshes;
    volatile long parseErrors;
    volatile long samplesParsed;

    Scraper(List<Relabel> rules, long intervalMs, ExecutorService threads) {
        this.rules = rules;
        this.intervalMs = intervalMs;
        this.threads = threads;
        this.client = HttpClient.newBuilder().executor(threads).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500)).build();
    }

    /** The informer: applies each watch event to its target groups (one group per pod). */
    void discover(BlockingQueue<Cluster.WatchEvent> watch) {
        try {
            while (true) {
                Cluster.WatchEvent e = watch.take();
                List<Discovered> tg = e.type().equals("DELETED") ? List.of() : targetsFor(e.pod());
                synchronized (groups) {
                    groups.put("pod/" + e.pod().key(), tg);
                    for (Discovered d : tg) seenBefore.putIfAbsent(d.key(), refreshes);
                    dirty = true;
                }
            }
        }
        catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** Role {@code pod}: a pod without an IP yet has no targets; otherwise one per container port. */
    static List<Discovered> targetsFor(Cluster.Pod p) {
        if (p.ip().isEmpty()) return List.of();
        Map<String, String> l = new TreeMap<>();
        l.put("__address__", p.ip() + ":" + p.port());
        l.put("__meta_kubernetes_namespace", p.namespace());
        l.put("__meta_kubernetes_pod_name", p.name());
        l.put("__meta_kubernetes_pod_ip", p.ip());
        l.put("__meta_kubernetes_pod_uid", p.uid());
        l.put("__meta_kubernetes_pod_phase", p.phase());
        l.put("__meta_kubernetes_pod_ready", String.valueOf(p.phase().equals("Running")));
        l.put("__meta_kubernetes_pod_node_name", "node-1");
        l.put("__meta_kubernetes_pod_host_ip", "127.0.0.1");
        l.put("__meta_kubernetes_pod_container_name", "app");
        l.put("__meta_kubernetes_pod_container_init", "false");
        l.put("__meta_kubernetes_pod_container_port_name", "http");
        l.put("__meta_kubernetes_pod_container_port_number", String.valueOf(p.port()));
        l.put("__meta_kubernetes_pod_container_port_protocol", "TCP");
        l.put("__meta_kubernetes_pod_controller_kind", "ReplicaSet");
        l.put("__meta_kubernetes_pod_controller_name", p.controller());
        p.labels().forEach((k, v) -> {
            l.put("__meta_kubernetes_pod_label_" + sanitize(k), v);
            l.put("__meta_kubernetes_pod_labelpresent_" + sanitize(k), "true");
        });
        p.annotations().forEach((k, v) -> {
            l.put("__meta_kubernetes_pod_annotation_" + sanitize(k), v);
            l.put("__meta_kubernetes_pod_annotationpresent_" + sanitize(k), "true");
        });
        // keyed by pod and port name: the port number is picked at random on start
        return List.of(new Discovered(p.key() + ":http", p.key(), Map.copyOf(l)));
    }

    /** Label names allow only [a-zA-Z0-9_]: {@code prometheus.io/scrape} becomes {@code prometheus_io_scrape}. */
    static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /**
     * The scrape manager's refresh: the latest target groups, relabelled; new targets start a loop,
     * changed ones restart, vanished or dropped ones stop. Nothing happens between refreshes.
     */
    boolean refresh() {
        int refresh;
        List<Discovered> all = new ArrayList<>();
        synchronized (groups) {
            if (!dirty) return false;
            dirty = false;
            refresh = ++refreshes;
            groups.values().forEach(all::addAll);
        }
        Map<String, Target> next = new LinkedHashMap<>();
        java.util.Set<TreeMap<String, String>> seen = new java.util.HashSet<>();
        for (Discovered d : all) {
            Map<String, String> withDefaults = new TreeMap<>(d.labels());
            withDefaults.putIfAbsent("job", JOB);
            withDefaults.putIfAbsent("__scheme__", "http");
            withDefaults.putIfAbsent("__metrics_path__", "/metrics");
            withDefaults.putIfAbsent("__scrape_interval__", intervalMs + "ms");
            Relabel.Outcome o = Relabel.apply(rules, withDefaults);
            Target old = targets.get(d.key());
            if (o.dropped()) {
                next.put(d.key(), new Target(d, o, o.labels(), null, "rule", refresh));
                continue;
            }
            TreeMap<String, String> lb = o.labels();
            String address = lb.get("__address__");
            if (address == null || address.isEmpty()) {
                next.put(d.key(), new Target(d, o, lb, null, "no-address", refresh));
                continue;
            }
            String url = lb.getOrDefault("__scheme__", "http") + "://" + address + lb.getOrDefault("__metrics_path__", "/metrics");
            lb.putIfAbsent("instance", address);
            TreeMap<String, String> visible = new TreeMap<>();
            lb.forEach((k, v) -> {
                if (!k.startsWith("__")) visible.put(k, v);
            });
            // the pool keys targets by their final labels: two that end up the same are scraped once
            if (!seen.add(visible)) {
                next.put(d.key(), new Target(d, o, visible, null, "duplicate", refresh));
                continue;
            }
            if (old != null && old.active() && old.labels.equals(visible) && old.url.equals(url)) next.put(d.key(), old);
            else next.put(d.key(), new Target(d, o, visible, url, null, refresh));
        }
        for (var e : targets.entrySet()) {
            Target now = next.get(e.getKey());
            if (now != e.getValue()) e.getValue().stopped = true;
        }
        targets.keySet().retainAll(next.keySet());
        targets.putAll(next);
        for (Target t : next.values()) {
            if (t.active() && t.scrapes == 0 && t.createdAtRefresh == refresh) threads.submit(() -> loop(t));
        }
        return true;
    }

    /** One target's loop, offset within the interval by a hash of its labels as Prometheus spreads its scrapes. */
    private void loop(Target t) {
        long offset = Math.floorMod(t.labels.hashCode(), intervalMs);
        sleep(offset);
        while (!t.stopped) {
            long start = System.nanoTime();
            scrape(t);
            long left = intervalMs - (System.nanoTime() - start) / 1_000_000;
            sleep(Math.max(1, left));
        }
    }

    private void scrape(Target t) {
        long start = System.nanoTime();
        String address = t.labels.get("instance");
        try {
            HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create(t.url))
                    .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofMillis(Math.min(intervalMs, 1000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) throw new IOException("server returned HTTP status " + resp.statusCode());
            TextFormat.Parsed parsed = TextFormat.parse(resp.body());
            Map<String, Integer> families = new TreeMap<>();
            Map<String, String> examples = new TreeMap<>();
            for (TextFormat.Sample s : parsed.samples()) {
                // honor_labels: false — a scraped label that clashes with a target label is kept as exported_<name>
                Map<String, String> series = new TreeMap<>(t.labels);
                s.labels().forEach((k, v) -> series.put(t.labels.containsKey(k) ? "exported_" + k : k, v));
                String family = family(s.name(), parsed.types());
                families.merge(family, 1, Integer::sum);
                examples.putIfAbsent(family, s.name() + "{" + compact(series) + "} " + s.value());
            }
            t.examples = examples;
            samplesParsed += parsed.samples().size();
            t.samples = parsed.samples().size();
            t.families = families;
            t.health = "ok";
            t.lastError = "";
        }
        catch (HttpTimeoutException e) {
            fail(t, "Get \"" + t.url + "\": context deadline exceeded");
        }
        catch (ConnectException e) {
            fail(t, "Get \"" + t.url + "\": dial tcp " + address + ": connect: connection refused");
        }
        catch (IOException e) {
            fail(t, String.valueOf(e.getMessage()));
        }
        catch (IllegalArgumentException e) {
            parseErrors++;
            fail(t, "parse error: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.stopped = true;
            return;
        }
        t.durationMs = (System.nanoTime() - start) / 1e6;
        if (t.firstScrapeMs < 0 && t.health.equals("ok")) t.firstScrapeMs = demolib.Emit.t();
        t.scrapes++;
    }

    private static void fail(Target t, String error) {
        t.health = "error";
        t.lastError = error;
        t.samples = 0;
    }

    /** The metric family a sample belongs to: a histogram's _bucket, _sum and _count belong to its name. */
    static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) return base;
            }
        }
        return name;
    }

    static String compact(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(","));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
