package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The prometheus-kubernetes-metrics demo: discovery, relabel rules and real scrapes of loopback exporters. */
class PrometheusDemoTests {

    record Result(JsonNode summary, Map<String, JsonNode> rows) {
        JsonNode row(String pod) {
            return rows.get(pod + ":http");
        }

        Set<String> active() {
            Set<String> s = new HashSet<>();
            rows.forEach((id, cells) -> {
                if ("active".equals(cells.path("state").asString())) s.add(cells.path("target").asString());
            });
            return s;
        }
    }

    static Result run(Map<String, Object> values) throws Exception {
        Map<String, Object> params = new HashMap<>(Map.of("refreshMs", 1000, "scrapeIntervalMs", 500, "seed", 42));
        params.putAll(values);
        try (DemoProcess proc = DemoProcess.start(DemoProcess.command("prometheus-kubernetes-metrics", params))) {
            JsonNode done = proc.await(n -> "done".equals(n.path("type").asString()), Duration.ofSeconds(90));
            assertThat(done).as("no done line; stderr:\n" + proc.stderr()).isNotNull();
            assertThat(proc.waitFor(Duration.ofSeconds(10))).isZero();
            assertThat(proc.badLines).isEmpty();
            Map<String, JsonNode> rows = new HashMap<>();
            for (JsonNode n : proc.lines) {
                if ("row".equals(n.path("type").asString()) && "targets".equals(n.path("view").asString()))
                    rows.put(n.path("id").asString(), n.path("cells"));
            }
            return new Result(done.path("summary"), rows);
        }
    }

    @Test
    void aTargetDroppedByARuleNamesThatRule() throws Exception {
        Result r = run(Map.of("pods", 3, "scaleTo", 0, "wrongPort", true, "flipAnnotation", true, "flipAtSec", 3,
                "durationSec", 6));
        assertThat(r.row("shop/web-0").path("state").asString()).isEqualTo("dropped");
        assertThat(r.row("shop/web-0").path("droppedBy").asString())
            .startsWith("#1 keep __meta_kubernetes_pod_annotation_prometheus_io_scrape");
        assertThat(r.row("shop/db-0").path("droppedBy").asString()).startsWith("#1 keep");
        assertThat(r.row("kube-system/coredns-0").path("droppedBy").asString())
            .startsWith("#2 drop __meta_kubernetes_namespace");
        assertThat(r.summary().path("flipDroppedByRule").asInt()).isEqualTo(1);

        JsonNode wrong = r.row("shop/web-1");
        assertThat(wrong.path("state").asString()).as("a wrong port is no reason to drop").isEqualTo("active");
        assertThat(wrong.path("health").asString()).isEqualTo("error");
        assertThat(wrong.path("lastError").asString()).contains("connection refused");

        JsonNode good = r.row("shop/web-2");
        assertThat(good.path("health").asString()).isEqualTo("ok");
        assertThat(good.path("series").asInt()).as("every sample of the exporter's text, parsed").isEqualTo(10);
        assertThat(good.path("labels").asString())
            .as("labelmap copied the pod labels; replace set namespace and pod; __ labels are gone")
            .contains("app=\"web\"", "tier=\"frontend\"", "namespace=\"shop\"", "pod=\"web-2\"", "job=\"kubernetes-pods\"")
            .doesNotContain("__");
        assertThat(r.summary().path("parseErrors").asInt()).isZero();
    }

    @Test
    void scaledUpPodsAreScrapedAtTheNextRefreshWithTheSameRules() throws Exception {
        Result r = run(Map.of("pods", 2, "scaleTo", 4, "scaleAtSec", 2, "wrongPort", false, "flipAnnotation", false,
                "durationSec", 6));
        assertThat(r.summary().path("scaledPods").asInt()).isEqualTo(2);
        assertThat(r.summary().path("newPodsUnscraped").asInt()).isZero();
        assertThat(r.summary().path("newPodRefreshesMax").asInt()).as("discovered, then a target at the very next refresh").isEqualTo(1);
        assertThat(r.row("shop/web-3").path("health").asString()).isEqualTo("ok");
        assertThat(r.active()).containsExactlyInAnyOrder("shop/web-0", "shop/web-1", "shop/web-2", "shop/web-3");
    }

    @Test
    void hashmodShardsSplitTheTargetsWithoutOverlap() throws Exception {
        Map<String, Object> base = Map.of("rules", "sharded", "shards", 2, "pods", 6, "scaleTo", 0, "wrongPort", false,
                "flipAnnotation", false, "durationSec", 3);
        Map<String, Object> zero = new HashMap<>(base);
        zero.put("shard", 0);
        Map<String, Object> one = new HashMap<>(base);
        one.put("shard", 1);
        Result a = run(zero);
        Result b = run(one);
        Set<String> union = new HashSet<>(a.active());
        union.addAll(b.active());
        assertThat(a.active()).doesNotContainAnyElementsOf(b.active());
        assertThat(union).containsExactlyInAnyOrder("shop/web-0", "shop/web-1", "shop/web-2", "shop/web-3", "shop/web-4", "shop/web-5");
        a.rows().values().stream()
            .filter(c -> "dropped".equals(c.path("state").asString()) && c.path("target").asString().startsWith("shop/web-"))
            .forEach(c -> assertThat(c.path("droppedBy").asString()).startsWith("#9 keep __tmp_hash =~ 0"));
    }
}
