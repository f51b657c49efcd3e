package dev.confnotes.talks;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.confnotes.system.Browser;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "confnotes.talks.dir=talks", "confnotes.talks.watch=false",
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
    void readerGoesFromHomeToATalkThroughItsContentsAndOnToTheNextTalk() {
        WebDriverWait wait = session.waitUpTo(Duration.ofSeconds(10));
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2023 고퍼콘");

        browser.findElement(By.linkText("컨텍스트를 이용한 상태 관리")).click();
        wait.until(ExpectedConditions.urlContains("/talks/context-state-management"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("컨텍스트를 이용한 상태 관리");

        WebElement tocLink = browser.findElement(By.cssSelector(".toc a"));
        String anchor = tocLink.getAttribute("href").substring(tocLink.getAttribute("href").indexOf('#') + 1);
        tocLink.click();
        wait.until(ExpectedConditions.urlContains("#"));
        assertThat(browser.getCurrentUrl()).endsWith("#" + anchor);
        WebElement target = browser.findElement(By.id(java.net.URLDecoder.decode(anchor, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(target.isDisplayed()).isTrue();

        browser.findElement(By.cssSelector("a[rel=next]")).click();
        wait.until(ExpectedConditions.urlContains("/talks/api-server-testing"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("API 서버 테스트코드 A-Z");
    }
}
