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

/** In Chromium: the monitor's talk page charts live points, and its share link shows the same run. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=src/test/resources/test-talks",
        "confnotes.talks.watch=false", "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1",
        "confnotes.demos.shared-linger=2s" })
class DemoBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void monitorChartReceivesPointsAndTheShareLinkShowsTheSameRun() throws Exception {
        try (Browser browser = Browser.start()) {
            monitor(browser);
        }
    }

    private void monitor(Browser browser) {
        ChromeDriver driver = browser.driver();
        WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(40));
        driver.get("http://localhost:" + port + "/talks/server-monitoring-tool");
        WebElement cpu = wait.until(d -> d.findElement(By.cssSelector(".view-line[data-view='cpu']")));
        wait.until(d -> points(cpu) >= 2);
        assertThat(driver.findElements(By.cssSelector(".view-line[data-view='cpu'] canvas"))).isNotEmpty();

        WebElement share = wait.until(d -> {
            WebElement link = d.findElement(By.cssSelector(".demo-share-link"));
            return link.getAttribute("href").matches(".*/runs/[a-z0-9]{16}$") ? link : null;
        });
        String shareUrl = share.getAttribute("href");
        String runId = shareUrl.substring(shareUrl.lastIndexOf('/') + 1);
        String firstWindow = driver.getWindowHandle();

        driver.switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
        driver.get(shareUrl);
        WebElement sharedCpu = wait.until(d -> d.findElement(By.cssSelector(".view-line[data-view='cpu']")));
        wait.until(d -> points(sharedCpu) >= 2);
        assertThat(driver.findElement(By.cssSelector(".demo-run")).getAttribute("data-run")).isEqualTo(runId);
        assertThat(driver.findElement(By.cssSelector(".demo-status")).getAttribute("data-state")).isEqualTo("running");

        driver.switchTo().window(firstWindow);
        int before = points(cpu);
        wait.until(d -> points(cpu) > before);
        List<String> handles = List.copyOf(driver.getWindowHandles());
        assertThat(handles).hasSize(2);
    }

    private static int points(WebElement chart) {
        String points = chart.getAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }
}
