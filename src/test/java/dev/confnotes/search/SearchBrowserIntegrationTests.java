package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

/** Typing in the header box on any page shows highlighted results; a click lands on the section. */
class SearchBrowserIntegrationTests extends SearchIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Test
    void typingAKoreanQueryShowsHighlightedResultsAndAClickLandsOnTheSection() {
        try (Browser browser = Browser.start()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/");
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(10));
            WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("site-search-input")));
            input.sendKeys("고루틴");

            // No Enter: results appear in the dropdown as the user types.
            List<WebElement> marks = wait.until(ExpectedConditions
                .numberOfElementsToBeMoreThan(By.cssSelector("#search-results .search-hit mark"), 0))
                .stream()
                .toList();
            assertThat(marks.getFirst().getText()).startsWith("고루틴");
            assertThat(driver.getCurrentUrl()).doesNotContain("/search");

            WebElement link = driver.findElement(By.cssSelector("#search-results .search-section-link"));
            String href = link.getDomAttribute("href");
            String anchor = URLDecoder.decode(href.substring(href.indexOf('#') + 1), StandardCharsets.UTF_8);
            link.click();

            wait.until(ExpectedConditions.urlContains("/talks/"));
            String url = URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8);
            assertThat(url).endsWith("#" + anchor);
            assertThat(driver.findElement(By.id(anchor)).getText()).contains("고루틴");
        }
    }

    @Test
    void onTheSearchPageTypingUpdatesResultsAndTheAddress() {
        try (Browser browser = Browser.start()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/search");
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(10));
            WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("site-search-input")));
            input.sendKeys("GOGC");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#search-results mark"), "GOGC"));
            wait.until(ExpectedConditions.urlContains("q=GOGC"));
        }
    }

    @Test
    void theDropdownMovesByArrowKeysAndEnterOpensTheResultReached() {
        try (Browser browser = Browser.start()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/tags");
            WebDriverWait wait = browser.waitUpTo(Duration.ofSeconds(10));
            WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("site-search-input")));
            input.sendKeys("테스트");
            List<WebElement> titles = wait.until(ExpectedConditions
                .numberOfElementsToBeMoreThan(By.cssSelector(".search-dropdown .search-hit-title"), 1));

            input.sendKeys(Keys.ARROW_DOWN);
            assertThat(driver.switchTo().activeElement()).isEqualTo(titles.get(0));
            driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            assertThat(driver.switchTo().activeElement()).isEqualTo(titles.get(1));
            driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
            assertThat(driver.switchTo().activeElement()).isEqualTo(titles.get(0));
            driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
            assertThat(driver.switchTo().activeElement()).isEqualTo(input);

            input.sendKeys(Keys.ARROW_DOWN);
            String href = titles.get(0).getDomAttribute("href");
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.urlContains(href.substring(0, href.indexOf('#') < 0 ? href.length()
                    : href.indexOf('#'))));
        }
    }
}
