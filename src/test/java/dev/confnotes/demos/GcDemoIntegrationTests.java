package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.confnotes.demos.runner.DemoRunner;
import dev.confnotes.demos.runner.HeapBudget;
import dev.confnotes.demos.runner.Run;
import dev.confnotes.system.Browser;

/**
 * The GC demo through the real runner and HTTP API: runs under two collectors stream plausible
 * collections, "trigger GC now" is an explicit collection, bad parameters name their limits, and the
 * total heap of the runs at once is bounded.
 */
@GcDemoContext
class GcDemoIntegrationTests {

    /**
     * A few collections in 5 s, at a rate a collector keeps up with even on a starved machine: at
     * 100 MB/s ZGC in 64 MB, its concurrent cycles short of CPU under a busy build, ran out of heap.
     */
    static final String SMALL = "\"heapMb\":64,\"liveSetMb\":8,\"allocMbPerSec\":30,\"durationSec\":5";

    @LocalServerPort
    int port;

    @Autowired
    DemoRunner runner;

    @Autowired
    HeapBudget heap;

    @Autowired
    JsonMapper json;

    DemoTestSupport http;

    final List<String> started = new ArrayList<>();

    @BeforeEach
    void client() {
        http = new DemoTestSupport(port);
    }

    @AfterEach
    void cancelLeftovers() throws Exception {
        for (String id : started) {
            http.postJson("/api/runs/" + id + "/cancel", "");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.liveCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private String start(String body) throws Exception {
        String id = http.startRun("gc", body);
        started.add(id);
        return id;
    }

    private static boolean gc(DemoTestSupport.Sse sse, JsonNode data) {
        return "event".equals(sse.event()) && "gc".equals(data.path("kind").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "G1", "ZGC" })
    void runsStreamPlausibleCollectionsAndTriggerGcNowIsAnExplicitCollection(String collector) throws Exception {
        String id = start("{\"collector\":\"" + collector + "\"," + SMALL + "}");
        List<JsonNode> gcs = new ArrayList<>();
        boolean[] sent = { false };
        JsonNode[] summary = { null };
        List<DemoTestSupport.Sse> messages = http.read("/api/runs/" + id + "/events", null, sse -> {
            if ("done".equals(sse.event())) {
                summary[0] = json.readTree(sse.data()).get("summary");
                return true;
            }
            if (!"event".equals(sse.event())) {
                return "end".equals(sse.event());
            }
            JsonNode data = json.readTree(sse.data());
            if (gc(sse, data)) {
                gcs.add(data.get("fields"));
                if (!sent[0]) {
                    sent[0] = true;
                    try {
                        HttpResponse<String> command = http.postJson("/api/runs/" + id + "/commands", "{\"cmd\":\"gc\"}");
                        assertThat(command.statusCode()).as(command.body()).isEqualTo(202);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
            return false;
        }, Duration.ofSeconds(60));
        assertThat(messages).isNotEmpty();
        assertThat(gcs).as("gc events").isNotEmpty();
        String prefix = collector.equals("ZGC") ? "ZGC " : "G1 ";
        for (JsonNode f : gcs) {
            assertThat(f.get("collector").asString()).startsWith(prefix);
            assertThat(f.get("cause").asString()).isNotBlank();
            assertThat(f.get("action").asString()).isNotBlank();
            assertThat(f.get("pauseMs").asDouble()).isBetween(0.0, 5_000.0);
            assertThat(f.get("beforeMb").asDouble()).isBetween(0.0, 64.5);
            assertThat(f.get("afterMb").asDouble()).isBetween(0.0, 64.5);
        }
        assertThat(gcs).as("a collection caused by 'trigger GC now'")
            .anyMatch(f -> "System.gc()".equals(f.get("cause").asString()));
        assertThat(summary[0]).as("summary; the run as recorded: %s", http.get("/api/runs/" + id).body()).isNotNull();
        assertThat(summary[0].get("count").asLong()).isPositive();
        assertThat(summary[0].get("pauseMaxMs").asDouble()).isGreaterThanOrEqualTo(summary[0].get("pauseP50Ms").asDouble());
        assertThat(summary[0].get("allocatedMb").asDouble()).isPositive();
    }

    @Test
    void parametersPastTheirLimitsAreRefusedNamingTheFieldAndItsLimits() throws Exception {
        HttpResponse<String> heap = http.postJson("/api/demos/gc/runs", "{\"heapMb\":513}");
        assertThat(heap.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(heap.body());
        assertThat(body.get("field").asString()).isEqualTo("heapMb");
        assertThat(body.get("min").asInt()).isEqualTo(32);
        assertThat(body.get("max").asInt()).isEqualTo(512);

        HttpResponse<String> alloc = http.postJson("/api/demos/gc/runs", "{\"allocMbPerSec\":0}");
        assertThat(alloc.statusCode()).isEqualTo(400);
        body = json.readTree(alloc.body());
        assertThat(body.get("field").asString()).isEqualTo("allocMbPerSec");
        assertThat(body.get("min").asInt()).isEqualTo(1);
        assertThat(body.get("max").asInt()).isEqualTo(1000);

        HttpResponse<String> cms = http.postJson("/api/demos/gc/runs", "{\"collector\":\"CMS\"}");
        assertThat(cms.statusCode()).isEqualTo(400);
        body = json.readTree(cms.body());
        assertThat(body.get("field").asString()).isEqualTo("collector");
        assertThat(body.get("detail").asString()).contains("Serial", "Parallel", "G1", "ZGC");
        assertThat(runner.liveCount()).isZero();
    }

    @Test
    void runsPastTheTotalHeapBoundGet429WithRetryAfter() throws Exception {
        // the bound is 600 MB here: one 512 MB run fits, a second 128 MB one does not
        String big = start("{\"heapMb\":512,\"liveSetMb\":8,\"allocMbPerSec\":5,\"durationSec\":5}");
        assertThat(heap.reservedMb()).isEqualTo(512);
        HttpResponse<String> refused = http.postJson("/api/demos/gc/runs", "{\"heapMb\":128,\"durationSec\":5}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        // a run that fits under the bound still starts (one run slot is left)
        start("{\"heapMb\":64,\"liveSetMb\":4,\"allocMbPerSec\":5,\"durationSec\":5}");
        http.postJson("/api/runs/" + big + "/cancel", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (heap.reservedMb() > 64 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(heap.reservedMb()).isEqualTo(64);
    }

    /**
     * Two runs at once on this context (as on a 2-core machine), and the shared /proc monitor watched: a
     * comparison of two collectors still starts, since shared runs count against a small bound of their own.
     */
    @Test
    void aComparisonStartsWhileTheSharedMonitorIsWatched() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread viewer = Thread.ofPlatform().daemon().start(() -> {
            try {
                http.read("/demos/proc-monitor/live", null, sse -> done.get(), Duration.ofSeconds(90));
            }
            catch (Exception ex) {
                // the stream ends with the test
            }
        });
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> runner.currentShared("proc-monitor").isPresent());
            HttpResponse<String> response = http.postForm("/demos/gc/compare",
                    "collector=G1&heapMb=64&liveSetMb=4&allocMbPerSec=20&durationSec=5&_with=Serial");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            Matcher ids = Pattern.compile("a=([a-z0-9]{16})&b=([a-z0-9]{16})$")
                .matcher(response.headers().firstValue("Location").orElseThrow());
            assertThat(ids.find()).isTrue();
            started.add(ids.group(1));
            started.add(ids.group(2));
            assertThat(runner.liveCount()).as("the monitor and both collectors").isEqualTo(3);
            assertThat(runner.currentShared("proc-monitor")).isPresent();
        }
        finally {
            done.set(true);
            viewer.join(5000);
        }
    }

    @Test
    void compareStartsTwoRunsThatDifferOnlyInTheCollectorAndShowsThemSideBySide() throws Exception {
        HttpResponse<String> response = http.postForm("/demos/gc/compare",
                "collector=G1&heapMb=64&liveSetMb=4&allocMbPerSec=20&durationSec=5&_with=Serial");
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        Matcher ids = Pattern.compile("/demos/gc/compare\\?a=([a-z0-9]{16})&b=([a-z0-9]{16})$").matcher(location);
        assertThat(ids.find()).as(location).isTrue();
        started.add(ids.group(1));
        started.add(ids.group(2));
        JsonNode a = json.readTree(http.get("/api/runs/" + ids.group(1)).body());
        JsonNode b = json.readTree(http.get("/api/runs/" + ids.group(2)).body());
        assertThat(a.at("/params/collector").asString()).isEqualTo("G1");
        assertThat(b.at("/params/collector").asString()).isEqualTo("Serial");
        assertThat(b.at("/params/heapMb").asString()).isEqualTo("64");

        HttpResponse<String> page = http.get("/demos/gc/compare?a=" + ids.group(1) + "&b=" + ids.group(2));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-sync=\"compare-" + ids.group(1) + "-" + ids.group(2) + "\"")
            .contains("/runs/" + ids.group(1) + "/events", "/runs/" + ids.group(2) + "/events");

        HttpResponse<String> bad = http.postForm("/demos/gc/compare", "collector=G1&_with=CMS");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(http.get("/demos/gc/compare?a=" + ids.group(1) + "&b=zzzzzzzzzzzzzzzz").statusCode()).isEqualTo(404);
    }

    @Test
    void theTalkPageRunsTheDemoChartsTheHeapWithCollectionsAndShowsTheSummaryTable() throws Exception {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(60));
            driver.get("http://localhost:" + port + "/talks/gc-in-golang");
            // once the panel's script is set up, the Run click goes through htmx
            wait.until(d -> d.findElements(By.cssSelector("#demo-gc .demo-inner[data-demo-ready]")).size() == 1);
            // the program's source is not on the page: opening "the code that runs" fetches it, highlighted
            assertThat(driver.findElements(By.cssSelector("#demo-gc .demo-source code"))).isEmpty();
            driver.findElement(By.cssSelector("#demo-gc .demo-source summary")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#demo-gc .demo-source code.language-java .tok-keyword")).isEmpty());
            WebElement duration = driver.findElement(By.id("demo-gc-durationSec"));
            duration.clear();
            duration.sendKeys("5");
            WebElement heap = driver.findElement(By.id("demo-gc-heapMb"));
            heap.clear();
            heap.sendKeys("64");
            WebElement live = driver.findElement(By.id("demo-gc-liveSetMb"));
            live.clear();
            live.sendKeys("8");
            driver.findElement(By.cssSelector(".demo-run-button")).click();

            wait.until(d -> count(d.findElements(By.cssSelector(".view-line[data-view='heap']")), "data-points") >= 2);
            wait.until(d -> count(d.findElements(By.cssSelector(".view-line[data-view='heap']")), "data-marks-count") >= 1);
            assertThat(driver.findElements(By.cssSelector(".view-line[data-view='heap'] canvas"))).isNotEmpty();
            WebElement summary = wait.until(d -> {
                WebElement box = d.findElement(By.cssSelector(".demo-summary"));
                return box.isDisplayed() ? box : null;
            });
            assertThat(summary.findElements(By.cssSelector("tr[data-key='count'] td"))).singleElement()
                .satisfies(td -> assertThat(td.getText()).matches("[0-9,]+"));
            assertThat(summary.findElements(By.cssSelector("tr[data-key='pauseP99Ms'] td"))).singleElement()
                .satisfies(td -> assertThat(td.getText()).endsWith("ms"));
            assertThat(count(driver.findElements(By.cssSelector(".view-line[data-view='pauses']")), "data-points"))
                .isPositive();
            assertThat(driver.findElements(By.cssSelector(".view-log-list li[data-kind='gc']")).getFirst().getText())
                .contains("G1", "→", "MB");
            String id = driver.findElement(By.cssSelector(".demo-run")).getAttribute("data-run");
            started.add(id);
            // for a look by eye: target/gc-demo.png
            java.nio.file.Files.write(java.nio.file.Path.of("target", "gc-demo.png"),
                    driver.findElement(By.cssSelector(".demo-run")).getScreenshotAs(OutputType.BYTES));

            // the recorded run, compared with itself: both sides chart it, on one synced time axis
            driver.get("http://localhost:" + port + "/demos/gc/compare?a=" + id + "&b=" + id);
            wait.until(d -> d.findElements(By.cssSelector(".view-line[data-view='heap']")).size() == 2
                    && d.findElements(By.cssSelector(".view-line[data-view='heap']"))
                        .stream()
                        .allMatch(fig -> count(List.of(fig), "data-points") >= 2));
            assertThat(driver.findElements(By.cssSelector(".demo-run[data-sync]"))).hasSize(2);
            java.nio.file.Files.write(java.nio.file.Path.of("target", "gc-compare.png"),
                    driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    private static int count(List<WebElement> elements, String attribute) {
        if (elements.isEmpty()) {
            return 0;
        }
        String value = elements.getFirst().getAttribute(attribute);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
