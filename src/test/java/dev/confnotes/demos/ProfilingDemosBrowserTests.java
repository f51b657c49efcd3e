package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/**
 * In Chromium, from each talk's page: the ebpf-tracing, profiling-and-tracing and golang-adoption demos
 * run from a guided step's preset, their main view fills and the run ends with its summary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:profiling-browser;DB_CLOSE_DELAY=-1",
        "confnotes.demos.max-concurrent-runs=2" })
class ProfilingDemosBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void ebpfTracingFillsTheHeatMapAndCountsCarrierSplitsWithFourCarriers() {
        run("ebpf-tracing", Map.of("durationSec", "5"), (driver, wait) -> {
            WebElement heat = view(wait, "latency");
            wait.until(d -> Integer.parseInt(orZero(heat.getAttribute("data-columns"))) > 4 ? true : null);
            assertThat(heat.findElement(By.cssSelector("pre.view-hist")).getText()).contains("|@");
            WebElement splits = view(wait, "splits");
            wait.until(d -> !splits.findElements(By.cssSelector("tr[data-row-id]")).isEmpty());
        }, "four-carriers", "splitPairs");
    }

    @Test
    void profilingDrawsTheFlameGraphAndLockWaitsOnTheTimeline() {
        run("profiling-and-tracing", Map.of("durationSec", "8", "rowsK", "150"), (driver, wait) -> {
            WebElement flame = view(wait, "cpu");
            wait.until(d -> !flame.findElements(By.cssSelector("[data-frame='Queries.revenue']")).isEmpty());
            WebElement timeline = view(wait, "queries");
            wait.until(d -> !timeline.findElements(By.cssSelector("[data-span-id]")).isEmpty());
            WebElement table = view(wait, "templates");
            assertThat(table.findElements(By.cssSelector("tr[data-row-id='before/report']"))).isNotEmpty();
        }, "worst-is-not-hottest", "worstP99Template");
    }

    @Test
    void golangAdoptionShowsTheLookBackCaptureWithTheSpikeOnTop() {
        run("golang-adoption", Map.of("durationSec", "10"), (driver, wait) -> {
            WebElement captures = view(wait, "captures");
            wait.until(d -> captures.findElements(By.cssSelector("tr[data-row-id]")).size() == 2 ? true : null);
            WebElement flame = view(wait, "capture");
            wait.until(d -> !flame.findElements(By.cssSelector("[data-frame]")).isEmpty());
        }, "after-trigger-misses", "lookbackHasIncident");
    }

    interface Checks {
        void check(ChromeDriver driver, WebDriverWait wait);
    }

    private void run(String demo, Map<String, String> values, Checks whileRunning, String step, String summaryKey) {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get("http://localhost:" + port + "/talks/" + demo);
            WebElement panel = wait.until(d -> {
                WebElement p = d.findElement(By.id("demo-" + demo));
                return p.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty() ? null : p;
            });
            // the first step's button fills the form with the preset that step starts from
            panel.findElement(By.cssSelector("li.step[data-step='" + step + "'] .step-preset")).click();
            values.forEach((name, value) -> {
                WebElement input = panel.findElement(By.name(name));
                input.clear();
                input.sendKeys(value);
            });
            panel.findElement(By.cssSelector(".demo-run-button")).click();
            whileRunning.check(driver, wait);
            wait.withMessage(() -> demo + " did not finish: " + text(driver, demo))
                .until(d -> !d.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty());
            assertThat(driver.findElements(By.cssSelector(".demo-summary tr[data-key='" + summaryKey + "']"))).isNotEmpty();
        }
    }

    /** A view's section, once the run's panel has replaced the form's. */
    private static WebElement view(WebDriverWait wait, String id) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("[data-view='" + id + "']"));
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    private static String orZero(String s) {
        return s == null || s.isBlank() ? "0" : s;
    }

    private static String text(WebDriver driver, String demo) {
        List<WebElement> panels = driver.findElements(By.id("demo-" + demo));
        return panels.isEmpty() ? "(no panel)" : panels.getFirst().getText();
    }
}
