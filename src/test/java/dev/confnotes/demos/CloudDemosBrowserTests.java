package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

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
 * In Chromium, from each talk's page: a guided step's preset fills the form, the run fills the demo's
 * main view, and the step ticks once the finished run shows its effect. The chaos experiment, the queue
 * against the log, and Prometheus discovery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:cloud-browser;DB_CLOSE_DELAY=-1", "confnotes.demos.max-concurrent-runs=4" })
class CloudDemosBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aLatencyFaultFailsTheExperimentWithNoErrorsAndTheVerdictTableSaysWhere() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            WebElement panel = open(driver, wait, "open-source-in-go");
            startStep(panel, "latency-fails-silently", "steadySec", "2", "chaosSec", "3", "recoverySec", "2");
            wait.until(d -> !d.findElements(By.cssSelector("[data-view='latency'] canvas")).isEmpty());
            finished(wait);

            WebElement verdicts = driver.findElement(By.cssSelector("[data-view='verdicts']"));
            assertThat(verdicts.findElements(By.cssSelector("tbody tr[data-row-id]"))).hasSize(8);
            assertThat(verdicts.findElement(By.cssSelector("tr[data-row-id='p99-latency/Continuous/ChaosInjection']"))
                .findElements(By.cssSelector(".badge-fail"))).isNotEmpty();
            assertThat(verdicts.findElement(By.cssSelector("tr[data-row-id='error-rate/Continuous/ChaosInjection']"))
                .findElements(By.cssSelector(".badge-pass"))).as("no errors under the latency fault").isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-view='phase'] [data-state='Fail'].is-current"))).isNotEmpty();
            assertThat(driver.findElement(By.cssSelector(".demo-summary tr[data-key='chaosErrors']")).getText()).contains("0");
            stepDone(wait, "latency-fails-silently");
        }
    }

    @Test
    void onTheQueueTwoGroupsSplitTheOrdersAndTheTreeShowsTheirInstances() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            WebElement panel = open(driver, wait, "aws-lambda-kafka");
            startStep(panel, "queue-splits", "durationSec", "3");
            wait.until(d -> !d.findElements(By.cssSelector("[data-view='groups'] tr[data-row-id='analytics']")).isEmpty());
            finished(wait);

            WebElement groups = driver.findElement(By.cssSelector("[data-view='groups']"));
            assertThat(groups.findElements(By.cssSelector("tbody tr[data-row-id]"))).hasSize(2);
            assertThat(driver.findElements(By.cssSelector("[data-view='mapping'] .tree-node[data-node='esm-payments']"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-view='mapping'] .tree-node[data-node='payments-1']"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-view='lag'] canvas"))).isNotEmpty();
            stepDone(wait, "queue-splits");
        }
    }

    @Test
    void aFlippedAnnotationShowsTheRuleThatDroppedTheTarget() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            WebElement panel = open(driver, wait, "prometheus-kubernetes-metrics");
            startStep(panel, "flip-names-rule", "durationSec", "5", "flipAtSec", "2", "refreshMs", "1000", "scaleAtSec", "1");
            wait.until(d -> !d.findElements(By.cssSelector("[data-view='targets'] tr[data-row-id]")).isEmpty());
            finished(wait);

            WebElement web0 = driver.findElement(By.cssSelector("[data-view='targets'] tr[data-row-id='shop/web-0:http']"));
            assertThat(web0.getText()).contains("#1 keep __meta_kubernetes_pod_annotation_prometheus_io_scrape");
            WebElement web1 = driver.findElement(By.cssSelector("[data-view='targets'] tr[data-row-id='shop/web-1:http']"));
            assertThat(web1.findElements(By.cssSelector(".badge-fail"))).as("wrong port: down, not dropped").isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-view='jobs'] .tree-node[data-node='shop/web-2:http']"))).isNotEmpty();
            stepDone(wait, "flip-names-rule");
        }
    }

    private WebElement open(WebDriver driver, WebDriverWait wait, String slug) {
        driver.get("http://localhost:" + port + "/talks/" + slug);
        return wait.until(d -> {
            WebElement panel = d.findElement(By.id("demo-" + slug));
            return panel.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty() ? null : panel;
        });
    }

    /** The step's own preset fills the form; a few values are shortened so the run takes seconds. */
    private static void startStep(WebElement panel, String step, String... nameValues) {
        panel.findElement(By.cssSelector("li.step[data-step='" + step + "'] .step-preset")).click();
        for (int i = 0; i < nameValues.length; i += 2) {
            WebElement input = panel.findElement(By.name(nameValues[i]));
            input.clear();
            input.sendKeys(nameValues[i + 1]);
        }
        panel.findElement(By.cssSelector(".demo-run-button")).click();
    }

    private static void finished(WebDriverWait wait) {
        wait.until(d -> {
            List<WebElement> runs = d.findElements(By.cssSelector(".demo-run[data-run-state]"));
            if (!runs.isEmpty() && List.of("failed", "canceled").contains(runs.getFirst().getAttribute("data-run-state")))
                throw new AssertionError("the run ended " + runs.getFirst().getAttribute("data-run-state") + ": " + runs.getFirst().getText());
            return !d.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty();
        });
    }

    private static void stepDone(WebDriverWait wait, String step) {
        wait.until(d -> d.findElement(By.cssSelector("li.step[data-step='" + step + "']")).getAttribute("class").contains("is-done"));
    }
}
