package dev.confnotes.bench;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.confnotes.system.Browser;

/**
 * Benchmark (not a test; run explicitly): what the self-hosted web font adds to a first visit, per page
 * type, in a fresh headless Chromium (empty cache): how many of Pretendard's Unicode-range subsets the
 * page loads and their bytes, beside the page, the font stylesheet and everything else it loads.
 * <pre>./mvnw -q -B test -Dtest=WebFontBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "confnotes.talks.dir=talks", "confnotes.talks.watch=false", "confnotes.demos.dir=demos",
                "confnotes.demos.cache-dir=target/bench-cache", "spring.datasource.url=jdbc:h2:mem:font-bench;DB_CLOSE_DELAY=-1" })
class WebFontBenchmark {

    @LocalServerPort
    int port;

    @Test
    void measure() {
        for (String path : List.of("/", "/?lang=en", "/talks/gc-in-golang", "/talks/context-state-management",
                "/follow-ups", "/search?q=GOGC")) {
            try (Browser browser = Browser.start()) {
                browser.driver().get("http://localhost:" + port + path);
                new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10)).until(driver -> Boolean.TRUE
                    .equals(browser.driver().executeScript("return document.fonts.status === 'loaded'")));
                Object measured = browser.driver().executeScript("""
                        const all = performance.getEntriesByType('resource');
                        const sum = list => list.reduce((s, e) => s + e.transferSize, 0);
                        const fonts = all.filter(e => e.name.includes('/fonts/') && e.name.endsWith('.woff2'));
                        return 'subsets ' + fonts.length + ', font bytes ' + sum(fonts)
                          + ', font css ' + sum(all.filter(e => e.name.includes('/fonts/') && e.name.endsWith('.css')))
                          + ', other files ' + sum(all.filter(e => !e.name.includes('/fonts/')))
                          + ', page ' + performance.getEntriesByType('navigation')[0].transferSize;""");
                System.out.println("BENCH web font " + path + ": " + measured);
            }
        }
    }
}
