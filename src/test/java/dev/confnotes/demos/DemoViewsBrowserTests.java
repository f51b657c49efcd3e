package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/**
 * In Chromium: the fixture demo {@code views} (test-demos) sends every kind of event once, and each
 * view kind draws it: rows appear, update in place and sort; spans lay out with the critical path
 * marked; a flame frame zooms on click and the difference colours; the heat map and its text
 * histogram fill; a state lights up; the log is worded from the manifest with stderr set apart; the
 * step the run met ticks and the run's buttons are disabled. Then at phone width nothing overflows,
 * and the replay in English shows the English wording. A Run logs no CSP violation.
 */
@TestDemosContext
class DemoViewsBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void everyViewKindDrawsWhatTheFixtureDemoSends() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(40));
            driver.get(url("/demos/views"));
            wait.until(d -> !d.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty());
            driver.executeScript("window.localStorage.clear(); window.cspViolations = [];"
                    + "document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
            driver.findElement(By.cssSelector(".demo-run-button")).click();
            wait.until(d -> !d.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty());

            // table: three rows, "join" updated in place, sorted by a click on a header
            wait.until(d -> rowIds(d.findElement(By.cssSelector("[data-view='results']"))).size() == 3);
            WebElement results = driver.findElement(By.cssSelector("[data-view='results']"));
            WebElement join = results.findElement(By.cssSelector("tr[data-row-id='join']"));
            wait.until(d -> "2".equals(join.getAttribute("data-updates")));
            assertThat(join.getText()).contains("12.5 ms", "실패");
            assertThat(rowIds(results)).containsExactly("auth", "join", "scan");
            results.findElement(By.cssSelector("th[data-key='p99Ms'] button")).click();
            assertThat(rowIds(results)).containsExactly("auth", "scan", "join");
            results.findElement(By.cssSelector("th[data-key='p99Ms'] button")).click();
            assertThat(rowIds(results)).containsExactly("join", "scan", "auth");

            // timeline: the newest request's five spans, root → render marked as the critical path
            WebElement waterfall = driver.findElement(By.cssSelector("[data-view='waterfall']"));
            wait.until(d -> waterfall.findElements(By.cssSelector("[data-span-id]")).size() == 5);
            assertThat(attributes(waterfall.findElements(By.cssSelector(".is-critical")), "data-span-id"))
                .containsExactlyInAnyOrder("req-2-root", "req-2-render");
            new Select(waterfall.findElement(By.cssSelector(".view-group-picker select"))).selectByValue("req-1");
            assertThat(attributes(waterfall.findElements(By.cssSelector("[data-span-id]")), "data-span-id"))
                .allMatch(id -> id.startsWith("req-1-"));
            waterfall.findElement(By.cssSelector("[data-span-id='req-1-db']")).click();
            assertThat(waterfall.findElement(By.cssSelector(".view-readout")).getText()).contains("데이터베이스", "40 ms");

            // flame: zoom into "handle", find "scan", then the difference of after against before
            WebElement flame = driver.findElement(By.cssSelector("[data-view='cpu']"));
            wait.until(d -> !flame.findElements(By.cssSelector("[data-frame='handle']")).isEmpty());
            assertThat(flame.findElements(By.cssSelector("[data-frame='idle']"))).isNotEmpty();
            flame.findElement(By.cssSelector("[data-frame='handle']")).click();
            assertThat(attributes(flame.findElements(By.cssSelector(".is-zoomed")), "data-frame")).containsExactly("handle");
            assertThat(flame.findElements(By.cssSelector("[data-frame='idle']"))).isEmpty();
            flame.findElement(By.cssSelector(".flame-search")).sendKeys("sca");
            assertThat(attributes(flame.findElements(By.cssSelector(".is-match")), "data-frame")).containsExactly("scan");
            flame.findElement(By.cssSelector(".flame-diff-toggle input")).click();
            assertThat(flame.findElement(By.cssSelector("[data-frame='join']")).getAttribute("class")).contains("flame-gain");
            assertThat(flame.findElement(By.cssSelector("[data-frame='scan']")).getAttribute("class")).contains("flame-loss");

            // heat map and its bpftrace-style totals
            WebElement heat = driver.findElement(By.cssSelector("[data-view='heat']"));
            wait.until(d -> "20".equals(heat.getAttribute("data-columns")));
            assertThat(heat.findElement(By.cssSelector("canvas")).isDisplayed()).isTrue();
            assertThat(heat.findElement(By.cssSelector("pre.view-hist")).getText()).contains("[2, 4)", "|@");

            // state: Ready lit, three transitions counted
            WebElement phase = driver.findElement(By.cssSelector("[data-view='phase']"));
            assertThat(attributes(phase.findElements(By.cssSelector("[data-state].is-current")), "data-state")).containsExactly("Ready");
            assertThat(phase.findElements(By.cssSelector(".state-edge.is-taken"))).hasSize(3);

            // line: a canvas, a legend of the manifest's labels with the latest value, gc marks counted
            WebElement latency = driver.findElement(By.cssSelector("[data-view='latency']"));
            assertThat(latency.findElements(By.cssSelector("canvas"))).isNotEmpty();
            assertThat(latency.findElements(By.cssSelector(".view-legend-item")).stream().map(WebElement::getText))
                .anySatisfy(text -> assertThat(text).startsWith("중간값").endsWith("ms"))
                .anySatisfy(text -> assertThat(text).startsWith("p99 지연"))
                .anySatisfy(text -> assertThat(text).contains("×5"));

            // log: worded, stderr set apart in the diagnostics
            WebElement log = driver.findElement(By.cssSelector("[data-view='log']"));
            assertThat(log.findElement(By.cssSelector(".view-log-list li[data-kind='phase']")).getText()).contains("준비됨 단계로 넘어감");
            assertThat(log.findElements(By.cssSelector(".view-log-list li[data-kind='stderr']"))).isEmpty();
            assertThat(log.findElement(By.cssSelector(".view-diagnostics")).getAttribute("open")).isNull();
            assertThat(log.findElement(By.cssSelector(".view-diagnostics-list")).getAttribute("textContent")).contains("a diagnostic line on stderr");

            // summary worded, the met step ticked (and remembered), the ended run's cancel disabled
            assertThat(driver.findElement(By.cssSelector(".demo-summary tr[data-key='p99Ms']")).getText()).contains("p99 지연", "12.5 ms");
            assertThat(driver.findElement(By.cssSelector(".demo-cancel button")).isEnabled()).isFalse();
            WebElement stop = driver.findElement(By.cssSelector(".demo-command[data-cmd='stop']"));
            assertThat(stop.isEnabled()).isFalse();
            // a click that raced the end (the button enabled again by hand): the refusal is said beside it
            driver.executeScript("arguments[0].disabled = false; arguments[0].scrollIntoView({block: 'center'});", stop);
            stop.click();
            wait.until(d -> !d.findElements(By.cssSelector(".demo-command[data-cmd='stop'] + .demo-command-note")).isEmpty());
            assertThat(driver.findElement(By.cssSelector(".demo-command-note")).getText()).contains("끝나");
            List<?> violations = (List<?>) driver.executeScript("return window.cspViolations;");
            assertThat(violations).isEmpty();
            assertThat(driver.findElement(By.cssSelector("li.step[data-step='see-failure']")).getAttribute("class")).contains("is-done");
            assertThat(driver.findElement(By.cssSelector("li.step[data-step='never']")).getAttribute("class")).doesNotContain("is-done");

            // at phone width no view makes the page scroll sideways
            driver.manage().window().setSize(new Dimension(390, 900));
            wait.until(d -> ((Number) driver.executeScript("return window.innerWidth;")).intValue() <= 400);
            assertThat(((Number) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue()).isLessThanOrEqualTo(0);

            // the replay in English, and the step still ticked on a fresh page
            String runUrl = driver.findElement(By.cssSelector(".demo-share-link")).getAttribute("href");
            driver.get(runUrl + "?lang=en");
            wait.until(d -> !d.findElements(By.cssSelector(".view-log-list li[data-kind='phase']")).isEmpty());
            assertThat(driver.findElement(By.cssSelector(".view-log-list li[data-kind='phase']")).getText()).contains("moved to Ready");
            wait.until(d -> !d.findElements(By.cssSelector("[data-view='results'] tr[data-row-id='join'] .badge-fail")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("[data-view='results'] tr[data-row-id='join']")).getText()).contains("fail");
            driver.get(url("/demos/views?lang=en"));
            wait.until(d -> !d.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("li.step[data-step='see-failure']")).getAttribute("class")).contains("is-done");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static List<String> rowIds(WebElement table) {
        return attributes(table.findElements(By.cssSelector("tbody tr[data-row-id]")), "data-row-id");
    }

    private static List<String> attributes(List<WebElement> elements, String name) {
        return elements.stream().map(e -> e.getAttribute(name)).toList();
    }
}
