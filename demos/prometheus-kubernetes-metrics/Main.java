import demolib.*;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How Prometheus finds what to scrape in Kubernetes: pods (a model API) whose containers are real
 * exporters on loopback, kubernetes-style discovery, relabel rules, real scrapes; the pods scale and an
 * annotation flips while it runs, and the targets table says which rule dropped what.
 */
public class Main {
    static final String SCRAPE = "prometheus.io/scrape", PORT = "prometheus.io/port", PATH = "prometheus.io/path";

    public static void main(String[] argv) {
        Args.run(argv, Main::run);
    }

    /** The classic annotation-driven job (the kubernetes-pods job of Prometheus's example configuration). */
    static List<Relabel> rules(String preset, int shards, int shard) {
        List<Relabel> r = new ArrayList<>(List.of(
                Relabel.of("keep", List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"), "true", null, null, 0),
                Relabel.of("drop", List.of("__meta_kubernetes_namespace"), "kube-system", null, null, 0),
                Relabel.of("replace", List.of("__meta_kubernetes_pod_annotation_prometheus_io_path"), "(.+)", "__metrics_path__", null, 0),
                Relabel.of("replace", List.of("__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"),
                        "([^:]+)(?::\\d+)?;(\\d+)", "__address__", "$1:$2", 0),
                Relabel.of("labelmap", null, "__meta_kubernetes_pod_label_(.+)", null, null, 0),
                Relabel.of("replace", List.of("__meta_kubernetes_namespace"), null, "namespace", null, 0),
                Relabel.of("replace", List.of("__meta_kubernetes_pod_name"), null, "pod", null, 0)));
        if (preset.equals("sharded")) {
            // Prometheus's documented way to split one job over several servers: each keeps its own hash bucket
            // hashed on namespace and pod name rather than the usual __address__: here every pod's port is picked
            // at random on start, and a shard should not change from one run to the next
            r.add(Relabel.of("hashmod", List.of("__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"), null, "__tmp_hash", null, shards));
            r.add(Relabel.of("keep", List.of("__tmp_hash"), String.valueOf(shard), null, null, 0));
        }
        return List.copyOf(r);
    }

    static void run(Args a) {
        int pods = a.intArg("pods", 1, 8);
        int scaleTo = a.intArg("scaleTo", 0, 10);
        int scaleAtSec = a.intArg("scaleAtSec", 1, 60);
        boolean wrongPort = a.boolArg("wrongPort");
        boolean flip = a.boolArg("flipAnnotation");
        int flipAtSec = a.intArg("flipAtSec", 1, 60);
        String preset = a.choiceArg("rules", "annotations", "sharded");
        int shards = a.intArg("shards", 1, 4);
        int shard = a.intArg("shard", 0, 3);
        int intervalMs = a.intArg("scrapeIntervalMs", 250, 5000);
        int refreshMs = a.intArg("refreshMs", 250, 10000);
        int durationSec = a.intArg("durationSec", 3, 60);
        long seed = a.longArg("seed", 0, 1_000_000);
        if (shard >= shards) throw new IllegalArgumentException("--shard must be below --shards (" + shards + "), got " + shard);
        Commands.listen(cmd -> {
            throw new IllegalArgumentException("this demo takes no commands");
        });
        List<Relabel> rules = rules(preset, shards, shard);
        for (int i = 0; i < Math.max(pods, scaleTo); i++) webPods.add("web-" + i);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor(); Cluster cluster = new Cluster(threads, seed)) {
            Scraper scraper = new Scraper(rules, intervalMs, threads);
            Map<String, Long> runningAt = new LinkedHashMap<>();
            List<String> scaled = new ArrayList<>();
            for (int i = 0; i < pods; i++) {
                var ann = new LinkedHashMap<>(Map.of(SCRAPE, "true", PORT, "{port}", PATH, "/metrics"));
                if (wrongPort && i == 1) ann.put(PORT, String.valueOf(Cluster.freePort()));
                runningAt.put(cluster.create("shop", "web-" + i, Map.of("app", "web", "tier", "frontend"), ann, "web-7d4b9c", true).key(), 0L);
            }
            runningAt.put(cluster.create("shop", "db-0", Map.of("app", "db"), Map.of(), "db-5f6c8d", true).key(), 0L);
            runningAt.put(cluster.create("kube-system", "coredns-0", Map.of("k8s-app", "kube-dns"),
                    Map.of(SCRAPE, "true", PORT, "{port}"), "coredns-6d8c4c", true).key(), 0L);
            Emit.event("cluster", Json.obj("pods", runningAt.size(), "rules", rules.size(), "refreshMs", refreshMs,
                    "intervalMs", intervalMs));
            for (int i = 0; i < rules.size(); i++) Emit.event("rule", Json.obj("rule", rules.get(i).describe(i)));
            Thread informer = Thread.ofVirtual().name("informer").start(() -> scraper.discover(cluster.watch()));

            long start = Emit.t(), lastRefresh = start - refreshMs;
            boolean didScale = false, didFlip = false;
            Map<String, Map<String, Object>> sentRows = new HashMap<>();
            Map<String, Object> sentNodes = new HashMap<>();
            Emit.node("job", null, Scraper.JOB, "running", Json.obj("fields", Json.obj("rules", rules.size())));
            int tick = 0;
            while (Emit.t() - start < durationSec * 1000L) {
                Scraper.sleep(250);
                long now = Emit.t(), elapsed = now - start;
                tick++;
                // the kubelet: a pod scheduled 300 ms ago is Running with its IP
                for (var e : runningAt.entrySet()) {
                    if (e.getValue() >= 0 && now - e.getValue() >= 300) {
                        if (cluster.get(e.getKey()).phase().equals("Pending")) {
                            cluster.markRunning(e.getKey());
                            runningAt.put(e.getKey(), -now);
                        }
                    }
                }
                if (!didScale && scaleTo > pods && elapsed >= scaleAtSec * 1000L) {
                    didScale = true;
                    for (int i = pods; i < scaleTo; i++) {
                        var p = cluster.create("shop", "web-" + i, Map.of("app", "web", "tier", "frontend"),
                                Map.of(SCRAPE, "true", PORT, "{port}", PATH, "/metrics"), "web-7d4b9c", true);
                        runningAt.put(p.key(), now);
                        scaled.add(p.key());
                    }
                    Emit.event("scaled", Json.obj("from", pods, "to", scaleTo));
                }
                if (!didFlip && flip && elapsed >= flipAtSec * 1000L) {
                    didFlip = true;
                    cluster.annotate("shop/web-0", SCRAPE, "false");
                    Emit.event("annotated", Json.obj("pod", "shop/web-0", "annotation", SCRAPE, "value", "false"));
                }
                if (now - lastRefresh >= refreshMs) {
                    lastRefresh = now;
                    if (scraper.refresh()) {
                        long active = scraper.targets.values().stream().filter(Scraper.Target::active).count();
                        Emit.event("refreshed", Json.obj("refresh", scraper.refreshes, "active", active,
                                "dropped", scraper.targets.size() - active));
                        for (Scraper.Target t : scraper.targets.values()) {
                            if (!t.active() && t.createdAtRefresh == scraper.refreshes && t.outcome.dropped()) {
                                Map<String, Object> last = sentRows.get(t.discovered.key());
                                if (last == null || "active".equals(last.get("state")) || !Objects.equals(last.get("droppedBy"), droppedBy(t, rules)))
                                    Emit.event("targetDropped", Json.obj("target", t.discovered.key(), "rule", droppedBy(t, rules)));
                            }
                        }
                    }
                }
                if (tick % 2 == 0) emit(scraper, rules, sentRows, sentNodes);
            }
            emit(scraper, rules, sentRows, sentNodes);
            informer.interrupt();
            for (Scraper.Target t : scraper.targets.values()) t.stopped = true;

            var all = List.copyOf(scraper.targets.values());
            long active = all.stream().filter(Scraper.Target::active).count();
            long up = all.stream().filter(t -> t.active() && t.health.equals("ok")).count();
            long series = all.stream().filter(Scraper.Target::active).mapToLong(t -> t.samples).sum();
            int scrapedNew = 0, refreshesMax = 0;
            long firstScrapeMax = 0;
            for (String key : scaled) {
                Scraper.Target t = scraper.targets.values().stream().filter(x -> x.discovered.pod().equals(key)).findFirst().orElse(null);
                if (t == null || t.firstScrapeMs < 0) continue;
                scrapedNew++;
                refreshesMax = Math.max(refreshesMax, t.createdAtRefresh - scraper.seenBefore.getOrDefault(t.discovered.key(), 0));
                firstScrapeMax = Math.max(firstScrapeMax, t.firstScrapeMs - (-runningAt.get(key)));
            }
            Scraper.Target web0 = target(scraper, "shop/web-0");
            Scraper.Target web1 = target(scraper, "shop/web-1");
            Emit.done(Json.obj("rules", preset, "discovered", all.size(), "active", active, "dropped", all.size() - active,
                    "up", up, "down", active - up, "series", series, "samplesParsed", scraper.samplesParsed,
                    "parseErrors", scraper.parseErrors, "refreshes", scraper.refreshes, "scaledPods", scaled.size(),
                    "newPodsScraped", scrapedNew, "newPodsUnscraped", scaled.size() - scrapedNew,
                    "newPodRefreshesMax", refreshesMax, "newPodFirstScrapeMaxMs", firstScrapeMax,
                    "flipDroppedByRule", flip && web0 != null && web0.outcome.dropped() ? web0.outcome.droppedBy() + 1 : 0,
                    "wrongPortHealth", wrongPort && web1 != null ? (web1.active() ? web1.health : "dropped") : "none"));
        }
        catch (IOException e) {
            Emit.error("clusterFailed", Json.obj("reason", String.valueOf(e.getMessage())), "the model cluster could not start: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    static Scraper.Target target(Scraper s, String pod) {
        return s.targets.values().stream().filter(t -> t.discovered.pod().equals(pod)).findFirst().orElse(null);
    }

    static String droppedBy(Scraper.Target t, List<Relabel> rules) {
        if (t.outcome.dropped()) return rules.get(t.outcome.droppedBy()).describe(t.outcome.droppedBy());
        return t.dropReason == null ? "" : t.dropReason;
    }

    /** Rows, tree nodes and metrics for what changed since the last call. */
    static final List<String> webPods = new ArrayList<>();

    static void emit(Scraper scraper, List<Relabel> rules, Map<String, Map<String, Object>> sentRows, Map<String, Object> sentNodes) {
        var values = new LinkedHashMap<String, Object>();
        // every web pod the run may have, from the first point on (null until it is scraped): a line view
        // takes its series from the first values that carry them
        for (String pod : webPods) {
            values.put("up_" + pod, null);
            values.put("ms_" + pod, null);
        }
        long up = 0, active = 0, dropped = 0;
        for (Scraper.Target t : scraper.targets.values()) {
            String key = t.discovered.key();
            String pod = t.discovered.pod().substring(t.discovered.pod().indexOf('/') + 1);
            var cells = Json.obj("target", t.discovered.pod(), "address", t.active() ? t.labels.get("instance") : t.discovered.labels().get("__address__"),
                    "state", t.active() ? "active" : "dropped", "droppedBy", droppedBy(t, rules),
                    "health", t.active() ? t.health : "", "series", t.active() ? t.samples : 0,
                    "scrapeMs", t.active() && t.scrapes > 0 ? t.durationMs : null,
                    "shard", t.outcome.labels().getOrDefault("__tmp_hash", ""),
                    "labels", t.active() ? Scraper.compact(t.labels) : "", "lastError", t.active() ? t.lastError : "");
            Map<String, Object> comparable = new LinkedHashMap<>(cells);
            comparable.remove("scrapeMs");
            if (!comparable.equals(sentRows.get(key))) {
                sentRows.put(key, comparable);
                Emit.row("targets", key, cells);
            }
            else if (t.active() && t.scrapes > 0) {
                Emit.row("targets", key, cells);
            }
            if (t.active()) {
                active++;
                if (t.health.equals("ok")) up++;
                if (t.scrapes > 0 && values.containsKey("up_" + pod)) {
                    values.put("up_" + pod, t.health.equals("ok") ? 1 : 0);
                    values.put("ms_" + pod, t.durationMs);
                }
            }
            else {
                dropped++;
            }
            // the tree: job → active target → metric families
            String nodeState = t.active() ? t.health : "dropped";
            Object nodeKey = nodeState + "|" + t.labels.get("instance");
            if (t.active() || sentNodes.containsKey(key)) {
                if (!nodeKey.equals(sentNodes.get(key))) {
                    sentNodes.put(key, nodeKey);
                    Emit.node(key, "job", t.discovered.pod(), nodeState,
                            Json.obj("err", t.active() ? t.lastError : droppedBy(t, rules),
                                    "fields", Json.obj("url", t.active() ? t.url : "", "labels", t.active() ? Scraper.compact(t.labels) : "")));
                }
                if (t.active()) {
                    for (var f : t.families.entrySet()) {
                        String id = key + "|" + f.getKey();
                        Object v = f.getValue();
                        if (!v.equals(sentNodes.get(id))) {
                            sentNodes.put(id, v);
                            Emit.node(id, key, f.getKey() + " ×" + f.getValue(), "series",
                                    Json.obj("fields", Json.obj("example", t.examples.getOrDefault(f.getKey(), ""))));
                        }
                    }
                }
            }
        }
        values.put("targetsUp", up);
        values.put("targetsActive", active);
        values.put("targetsDropped", dropped);
        Emit.metric(values);
    }
}
