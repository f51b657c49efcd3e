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

/** In Chromium, from the talk's page: the fuzzing demo draws its edge staircase, its corpus and the crash it minimised. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:go-testing-browser;DB_CLOSE_DELAY=-1" })
class GoTestingDemoBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aGuidedRunDrawsEdgesFillsTheCorpusAndShowsTheMinimisedCrash() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(90));
            driver.get("http://localhost:" + port + "/talks/go-testing?lang=en");
            WebElement panel = wait.until(d -> {
                WebElement p = d.findElement(By.id("demo-go-testing"));
                return p.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty() ? null : p;
            });
            panel.findElement(By.cssSelector("li.step[data-step='climb'] .step-preset")).click();
            WebElement pace = panel.findElement(By.name("pace"));
            pace.clear();
            pace.sendKeys("200000");
            long clicked = System.nanoTime();
            panel.findElement(By.cssSelector(".demo-run-button")).click();

            WebElement edges = wait.until(d -> {
                var found = d.findElements(By.cssSelector("[data-view='edges'] canvas"));
                return found.isEmpty() ? null : d.findElement(By.cssSelector("[data-view='edges']"));
            });
            System.out.printf("go-testing: first point drawn %d ms after Run%n", (System.nanoTime() - clicked) / 1_000_000);
            wait.until(d -> d.findElements(By.cssSelector("[data-view='corpus'] tbody tr[data-row-id]")).size() >= 5 ? true : null);
            wait.until(d -> !d.findElements(By.cssSelector(".demo-run[data-run-state='finished']")).isEmpty());

            assertThat(edges.findElements(By.cssSelector(".view-legend-item")).stream().map(WebElement::getText))
                .anySatisfy(t -> assertThat(t).contains("coverage-guided"))
                .anySatisfy(t -> assertThat(t).contains("blind random"));
            WebElement crash = driver.findElement(By.cssSelector("[data-view='crash']"));
            assertThat(crash.findElements(By.cssSelector("tbody tr[data-row-id]"))).hasSize(3);
            assertThat(crash.findElement(By.cssSelector("tr[data-row-id='minimised']")).getText())
                .contains("CNR1", "ArrayIndexOutOfBoundsException");
            assertThat(crash.findElement(By.cssSelector("tr[data-row-id='regression']")).getText())
                .contains("testdata/fuzz/FuzzParseRecord/");
            // the step ticks once the finished run's status comes in with the steps its summary met
            wait.until(d -> String.valueOf(d.findElement(By.cssSelector("li.step[data-step='climb']")).getAttribute("class"))
                .contains("is-done") ? true : null);
            assertThat(driver.findElement(By.cssSelector("li.step[data-step='dictionary']")).getAttribute("class"))
                .doesNotContain("is-done");
        }
    }
}
