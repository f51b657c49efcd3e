package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/** In Chromium, from the talk's page: the edge-triggered controller under dropped events fills the tree and drifts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:datacenter-browser;DB_CLOSE_DELAY=-1" })
class DatacenterAutomationDemoBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void edgeTriggeredRunWithDroppedEventsFillsTheTreeAndTicksTheDriftStep() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get("http://localhost:" + port + "/talks/datacenter-automation");
            WebElement panel = wait.until(d -> {
                WebElement p = d.findElement(By.id("demo-datacenter-automation"));
                return p.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty() ? null : p;
            });
            panel.findElement(By.cssSelector("li.step[data-step='edge-drifts'] .step-preset")).click();
            WebElement duration = panel.findElement(By.name("durationSec"));
            duration.clear();
            duration.sendKeys("14");
            long clicked = System.nanoTime();
            panel.findElement(By.cssSelector(".demo-run-button")).click();

            wait.until(d -> d.findElements(By.cssSelector("[data-view='convergence'] canvas")).isEmpty() ? null : true);
            System.out.printf("datacenter-automation: first point drawn %d ms after Run%n", (System.nanoTime() - clicked) / 1_000_000);
            // six servers, and what the ones whose events got through own (a lost "added" leaves a server bare)
            wait.until(d -> d.findElements(By.cssSelector("[data-view='objects'] .tree-node[data-node^='BareMetalServer/']")).size() == 6
                    && d.findElements(By.cssSelector("[data-view='objects'] .tree-node[data-node^='InstallJob/']")).size() > 0 ? true : null);
            wait.until(d -> !d.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty());

            assertThat(driver.findElements(By.cssSelector("[data-view='objects'] .tree-node[data-node='BareMetalServer/bm-01']"))).hasSize(1);
            assertThat(driver.findElements(By.cssSelector("[data-view='servers'] tbody tr[data-row-id]"))).hasSize(6);
            assertThat(driver.findElements(By.cssSelector("[data-view='phase'] [data-state]"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("[data-view='log'] li[data-kind='resync']"))).isNotEmpty();
            // the step ticks once the finished run's status comes in with the steps its summary met
            wait.until(d -> String.valueOf(d.findElement(By.cssSelector("li.step[data-step='edge-drifts']")).getAttribute("class"))
                .contains("is-done") ? true : null);
            assertThat(driver.findElement(By.cssSelector("li.step[data-step='level-converges']")).getAttribute("class"))
                .doesNotContain("is-done");
        }
    }
}
