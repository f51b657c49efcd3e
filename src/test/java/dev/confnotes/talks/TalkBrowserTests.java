package dev.confnotes.talks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "confnotes.talks.dir=talks", "confnotes.talks.watch=false", "confnotes.demos.dir=demos",
                "confnotes.demos.cache-dir=target/demo-cache",
                "spring.datasource.url=jdbc:h2:mem:talk-browser;DB_CLOSE_DELAY=-1" })
class TalkBrowserTests {

    @LocalServerPort
    int port;

    Browser session;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        session = Browser.start();
        browser = session.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void readerGoesFromHomeToATalkThroughItsContentsAndOnToThePreviousTalk() {
        WebDriverWait wait = session.waitUpTo(Duration.ofSeconds(10));
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2023 고퍼콘");

        browser.findElement(By.linkText("GC in Golang")).click();
        wait.until(ExpectedConditions.urlContains("/talks/gc-in-golang"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("GC in Golang");

        WebElement tocLink = browser.findElements(By.cssSelector(".toc a")).get(2);
        String anchor = tocLink.getAttribute("href").substring(tocLink.getAttribute("href").indexOf('#') + 1);
        tocLink.click();
        wait.until(ExpectedConditions.urlContains("#"));
        assertThat(browser.getCurrentUrl()).endsWith("#" + anchor);
        WebElement target = browser.findElement(By.id(java.net.URLDecoder.decode(anchor, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(target.isDisplayed()).isTrue();

        WebElement next = browser.findElement(By.cssSelector("a[rel=prev]"));
        String nextTitle = next.findElements(By.tagName("span")).get(1).getText();
        next.click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/talks/gc-in-golang")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(nextTitle);
    }

    @Test
    void aHeadingsPermalinkShowsOnFocusAndTheContentsMarkTheSectionBeingRead() {
        WebDriverWait wait = session.waitUpTo(Duration.ofSeconds(10));
        browser.get("http://localhost:" + port + "/talks/gc-in-golang");
        WebElement permalink = browser.findElement(By.cssSelector(".notes h2 .heading-anchor"));
        assertThat(Double.parseDouble(permalink.getCssValue("opacity"))).as("faint or hidden until asked for").isLessThan(0.5);
        browser.executeScript("arguments[0].focus()", permalink);
        wait.until(d -> "1".equals(permalink.getCssValue("opacity")));
        String heading = permalink.findElement(By.xpath("..")).getDomAttribute("id");
        assertThat(permalink.getDomAttribute("href")).isEqualTo("#" + heading);

        List<WebElement> headings = browser.findElements(By.cssSelector(".notes h2"));
        WebElement later = headings.get(headings.size() - 2);
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", later);
        String id = later.getDomAttribute("id");
        wait.until(d -> !browser.findElements(By.cssSelector(".toc a[aria-current]")).isEmpty()
                && browser.findElement(By.cssSelector(".toc a[aria-current]")).getDomAttribute("href").equals("#" + id));
        assertThat(browser.findElements(By.cssSelector(".toc a[aria-current]"))).hasSize(1);
    }

    @Test
    void aKeyboardReachesRunFromTheTopOfATalkPageInAFewPresses() {
        browser.get("http://localhost:" + port + "/talks/gc-in-golang");
        int presses = 0;
        while (!"jump-link".equals(activeClass()) && presses < 60) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            presses++;
        }
        assertThat(activeClass()).isEqualTo("jump-link");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        presses++;
        while (!"demo-run-button".equals(activeClass()) && presses < 60) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            presses++;
        }
        assertThat(activeClass()).isEqualTo("demo-run-button");
        // 26: the GC demo's nine parameters (a seed among them, so a shared link reproduces a run) come before Run
        assertThat(presses).as("key presses from the top of the page to Run").isLessThanOrEqualTo(26);
    }

    private String activeClass() {
        return (String) browser.executeScript("return document.activeElement && document.activeElement.className");
    }
}
