package dev.confnotes.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/** In Chromium, on the talk's page: the live context tree, cancelling a node, and the go/java comparison. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "confnotes.demos.dir=demos",
        "confnotes.demos.cache-dir=target/demo-cache", "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:context-browser;DB_CLOSE_DELAY=-1",
        "confnotes.demos.max-concurrent-runs=4" })
class ContextDemoBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void cancellingAMiddleNodeShowsItsSubtreeCanceledWhileASiblingFinishes() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(60));
            driver.get("http://localhost:" + port + "/talks/context-state-management");
            WebElement panel = readyPanel(wait);
            new Select(panel.findElement(By.name("shape"))).selectByValue("fanout");
            new Select(panel.findElement(By.name("mode"))).selectByValue("go");
            fill(panel, "timeoutMs", "20000");
            fill(panel, "workMs", "5000");
            driver.executeScript("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "(e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
            panel.findElement(By.cssSelector(".demo-run-button")).click();

            wait.withMessage(() -> "n3 never ran; the panel said: " + panelText(driver))
                .until(d -> state(d, "n3").equals("running") ? true : null);
            WebElement cancel = driver.findElement(By.cssSelector(".tree-node[data-node='n2'] > .tree-line .tree-cancel"));
            assertThat(cancel.isDisplayed()).isTrue();
            // in the middle of the window: the sticky site header would take a click at the top edge
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", cancel);
            cancel.click();

            // the child and the node itself are two events, drawn as each arrives
            wait.until(d -> state(d, "n3").equals("canceled") && state(d, "n2").equals("canceled") ? true : null);
            assertThat(detail(driver, "n3")).contains("context canceled").contains("canceled by user");
            assertThat(detail(driver, "n2")).contains("canceled by user");
            assertThat(state(driver, "n4")).as("the WithoutCancel sibling carries on").isEqualTo("running");
            assertThat(driver.findElements(By.cssSelector(".tree-node[data-node='n2'] > .tree-line .tree-cancel"))
                .getFirst()
                .isDisplayed()).isFalse();

            wait.until(d -> state(d, "n4").equals("done") ? true : null);
            assertThat(driver.findElement(By.cssSelector(".tree-node[data-node='n4'] .tree-state")).getText())
                .contains("✓");
            wait.until(d -> "finished".equals(d.findElement(By.cssSelector(".demo-status")).getAttribute("data-state"))
                    ? true : null);
            assertThat((java.util.List<?>) driver.executeScript("return window.cspViolations;"))
                .as("a Run and its swaps on the talk page break no CSP rule").isEmpty();
        }
    }

    @Test
    void compareRunsGoAndJavaSideBySideAndListsTheContrasts() {
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(60));
            driver.get("http://localhost:" + port + "/talks/context-state-management");
            WebElement panel = readyPanel(wait);
            fill(panel, "timeoutMs", "800");
            fill(panel, "workMs", "1500");
            panel.findElement(By.cssSelector(".demo-compare-button")).click();

            List<WebElement> views = wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(".demo-compare-grid > .demo-run"));
                return found.size() == 2 ? found : null;
            });
            assertThat(views.get(0).findElement(By.cssSelector(".demo-run-title")).getText()).contains("Go context");
            assertThat(views.get(1).findElement(By.cssSelector(".demo-run-title")).getText()).contains("자바");
            wait.until(d -> d.findElements(By.cssSelector(".demo-compare-grid .tree-node")).size() >= 10 ? true : null);
            WebElement contrast = wait.until(d -> {
                WebElement box = views.get(1).findElement(By.cssSelector(".demo-contrast"));
                return box.isDisplayed() ? box : null;
            });
            assertThat(contrast.findElements(By.cssSelector(".verdict-same"))).isNotEmpty();
            assertThat(contrast.findElements(By.cssSelector(".verdict-differs"))).isNotEmpty();
            assertThat(views.get(0).findElement(By.cssSelector(".demo-contrast")).isDisplayed()).isFalse();
            // the db.Query timeout fires in both: Go says deadline exceeded, Java only saw an interrupt
            wait.until(d -> state(d.findElements(By.cssSelector(".demo-compare-grid > .demo-run")).get(0), "n2")
                .equals("deadline") ? true : null);
            wait.until(d -> state(d.findElements(By.cssSelector(".demo-compare-grid > .demo-run")).get(1), "n2")
                .equals("deadline") ? true : null);
            assertThat(detail(views.get(0), "n2")).contains("context deadline exceeded");
            assertThat(detail(views.get(1), "n2")).contains("InterruptedException");
        }
    }

    /** The panel once its script has set it up, so a click goes through htmx, not a plain form post. */
    private static WebElement readyPanel(WebDriverWait wait) {
        return wait.until(d -> {
            WebElement panel = d.findElement(By.id("demo-context"));
            return panel.findElements(By.cssSelector(".demo-inner[data-demo-ready]")).isEmpty() ? null : panel;
        });
    }

    private static String panelText(org.openqa.selenium.WebDriver driver) {
        List<WebElement> panels = driver.findElements(By.id("demo-context"));
        return driver.getCurrentUrl() + " " + (panels.isEmpty() ? "(no panel)" : panels.getFirst().getText());
    }

    private static void fill(WebElement panel, String name, String value) {
        WebElement input = panel.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static String state(org.openqa.selenium.SearchContext where, String node) {
        List<WebElement> found = where.findElements(By.cssSelector(".tree-node[data-node='" + node + "']"));
        return found.isEmpty() ? "" : String.valueOf(found.getFirst().getAttribute("data-state"));
    }

    private static String detail(org.openqa.selenium.SearchContext where, String node) {
        return where.findElement(By.cssSelector(".tree-node[data-node='" + node + "'] > .tree-detail")).getText();
    }
}
