package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/**
 * In Chromium, from each talk's page: a guided step's preset fills the form, Run streams the demo's
 * main view full, and the step ticks when the finished run shows its effect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:latency-browser;DB_CLOSE_DELAY=-1",
        "confnotes.demos.max-concurrent-runs=2" })
class LatencyDemosBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void plantedBugStepFillsTheWaterfallAndTheComparatorNamesTheByte() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get(url("/talks/server-latency-500x"));
            WebElement panel = readyPanel(wait, "server-latency-500x");
            panel.findElement(By.cssSelector("li.step[data-step='byte'] .step-preset")).click();
            fill(panel, "requests", "20");
            long clicked = System.nanoTime();
            panel.findElement(By.cssSelector(".demo-run-button")).click();
            wait.until(d -> !panel.findElements(By.cssSelector("[data-view='latency'] canvas")).isEmpty());
            System.out.printf("server-latency-500x: Run to first drawn point %d ms%n", (System.nanoTime() - clicked) / 1_000_000);
            finished(wait, panel);

            WebElement waterfall = panel.findElement(By.cssSelector("[data-view='waterfall']"));
            assertThat(waterfall.findElements(By.cssSelector("[data-span-id]"))).hasSizeGreaterThan(4);
            assertThat(waterfall.findElements(By.cssSelector(".is-critical"))).isNotEmpty();
            WebElement table = panel.findElement(By.cssSelector("[data-view='handlers']"));
            assertThat(attributes(table.findElements(By.cssSelector("tr[data-row-id]")), "data-row-id"))
                .containsExactlyInAnyOrder("legacy", "rewrite");
            assertThat(panel.findElement(By.cssSelector("[data-view='log'] li[data-kind='diff']")).getText())
                .contains("바이트가 다름", "class=\"price\"");
            stepDone(wait, panel, "byte");
        }
    }

    @Test
    void noisyMachineStepFillsTheResultsTableAndTicksTheFlakeStep() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get(url("/talks/api-server-testing?lang=en"));
            WebElement panel = readyPanel(wait, "api-server-testing");
            panel.findElement(By.cssSelector("li.step[data-step='flake'] .step-preset")).click();
            fill(panel, "runs", "30");
            long clicked = System.nanoTime();
            panel.findElement(By.cssSelector(".demo-run-button")).click();
            wait.until(d -> !panel.findElements(By.cssSelector("[data-view='results'] tr[data-row-id]")).isEmpty());
            System.out.printf("api-server-testing: Run to first drawn row %d ms%n", (System.nanoTime() - clicked) / 1_000_000);
            finished(wait, panel);

            WebElement results = panel.findElement(By.cssSelector("[data-view='results']"));
            assertThat(results.findElements(By.cssSelector("tr[data-row-id]"))).hasSize(5);
            assertThat(results.findElement(By.cssSelector("tr[data-row-id='sleep-then-assert']")).getText()).contains("sleep then assert");
            assertThat(results.findElement(By.cssSelector("tr[data-row-id='injected-clock']")).getText()).contains("always green");
            assertThat(panel.findElements(By.cssSelector("[data-view='log'] li[data-kind='firstFailure']"))).isNotEmpty();
            stepDone(wait, panel, "flake");
        }
    }

    @Test
    void rewriteStepTurnsV2RedInTheMatrixAndATypoIsNamed() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get(url("/talks/scenario-tester"));
            WebElement panel = readyPanel(wait, "scenario-tester");
            panel.findElement(By.cssSelector("li.step[data-step='red-on-v2'] .step-preset")).click();
            long clicked = System.nanoTime();
            panel.findElement(By.cssSelector(".demo-run-button")).click();
            wait.until(d -> !panel.findElements(By.cssSelector("[data-view='matrix'] tr[data-row-id]")).isEmpty());
            System.out.printf("scenario-tester: Run to first drawn row %d ms%n", (System.nanoTime() - clicked) / 1_000_000);
            finished(wait, panel);

            WebElement matrix = panel.findElement(By.cssSelector("[data-view='matrix']"));
            assertThat(matrix.findElements(By.cssSelector("tr[data-row-id]"))).hasSizeGreaterThan(10);
            assertThat(matrix.findElements(By.cssSelector(".badge-fail"))).isNotEmpty();
            assertThat(panel.findElements(By.cssSelector("[data-view='steps'] .tree-node[data-state='failed']"))).isNotEmpty();
            assertThat(panel.findElement(By.cssSelector("[data-view='log'] li[data-kind='mismatch']")).getText()).contains("v2", "기대");
            stepDone(wait, panel, "red-on-v2");

            driver.navigate().refresh();
            WebElement again = readyPanel(wait, "scenario-tester");
            // clicked from script: after the reload the sticky header may cover the preset buttons
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                    again.findElement(By.xpath(".//button[contains(@class,'demo-preset') and contains(., '오타')]")));
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                    again.findElement(By.cssSelector(".demo-run-button")));
            wait.withMessage(() -> "the typo did not fail the run: " + again.getText())
                .until(d -> !again.findElements(By.cssSelector(".demo-run[data-run-state='failed']")).isEmpty());
            wait.until(d -> again.getText().contains("unknown step 'thne'"));
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebElement readyPanel(WebDriverWait wait, String demo) {
        return wait.until(d -> {
            List<WebElement> panels = d.findElements(By.id("demo-" + demo));
            return panels.isEmpty() || panels.getFirst().findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty()
                    ? null : panels.getFirst();
        });
    }

    private static void finished(WebDriverWait wait, WebElement panel) {
        wait.withMessage(() -> "the run did not finish: " + panel.getText())
            .until(d -> !panel.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty());
    }

    private static void stepDone(WebDriverWait wait, WebElement panel, String step) {
        wait.withMessage(() -> "step " + step + " not ticked: " + panel.findElement(By.cssSelector(".demo-status")).getAttribute("outerHTML"))
            .until(d -> String.valueOf(panel.findElement(By.cssSelector("li.step[data-step='" + step + "']")).getAttribute("class"))
                .contains("is-done"));
    }

    private static void fill(WebElement panel, String name, String value) {
        WebElement input = panel.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static List<String> attributes(List<WebElement> elements, String name) {
        return elements.stream().map(e -> e.getAttribute(name)).toList();
    }
}
