package dev.confnotes.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page type as a reader meets it: the layout at a desktop's and a phone's width, no raw message
 * keys and no labels for screen readers in the other language, and a language link that keeps the page
 * and its query. One browser for the class; each test sets the viewport it needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "confnotes.talks.dir=talks", "confnotes.talks.watch=false", "confnotes.demos.dir=demos",
                "confnotes.demos.cache-dir=target/demo-cache", "confnotes.search.directory=local-heap",
                "confnotes.rate-limit.enabled=false", "spring.datasource.url=jdbc:h2:mem:pages-browser;DB_CLOSE_DELAY=-1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTests {

    static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

    @LocalServerPort
    int port;

    Browser session;

    ChromeDriver browser;

    /** Page type → an address of that type (path and query). */
    Map<String, String> pages;

    @BeforeAll
    void openBrowserAndStartTwoRuns() throws Exception {
        session = Browser.start();
        browser = session.driver();
        String a = startContextRun();
        String b = startContextRun();
        pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("talk", "/talks/context-state-management");
        pages.put("talk with the shared demo", "/talks/server-monitoring-tool");
        pages.put("tags", "/tags");
        pages.put("tag", "/tags/gc");
        pages.put("follow-ups", "/follow-ups");
        pages.put("search", "/search?q=GOGC&tag=gc");
        pages.put("demo", "/demos/gc");
        pages.put("demo history", "/demos/context/runs");
        pages.put("demo source", "/demos/context/source");
        pages.put("run", "/runs/" + a);
        pages.put("compare", "/demos/context/compare?a=" + a + "&b=" + b);
        pages.put("missing talk", "/talks/no-such-talk");
        pages.put("missing tag", "/tags/no-such-tag");
        pages.put("missing demo", "/demos/no-such-demo");
        pages.put("missing run", "/runs/no-such-run");
        pages.put("compare without runs", "/demos/gc/compare");
    }

    @AfterAll
    void closeBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void everyTalkPageGivesTheNotesMostOfTheWidthOnADesktopAndNeverScrollsSidewaysOnAPhone() throws IOException {
        List<String> squeezed = new ArrayList<>();
        List<String> sideways = new ArrayList<>();
        for (String slug : talkSlugs()) {
            desktop();
            open("/talks/" + slug);
            double notes = number("return document.querySelector('.notes').getBoundingClientRect().width");
            double content = number("const main = document.querySelector('main'); const style = getComputedStyle(main);"
                    + " return main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)");
            if (notes < 0.6 * content) {
                squeezed.add(slug + ": notes " + Math.round(notes) + " of " + Math.round(content) + " px");
            }
            phone(false);
            open("/talks/" + slug);
            double scroll = number("return document.documentElement.scrollWidth");
            double width = number("return document.documentElement.clientWidth");
            if (scroll > width) {
                sideways.add(slug + ": " + Math.round(scroll) + " px wide in a " + Math.round(width) + " px screen");
            }
        }
        assertThat(squeezed).as("talk pages whose notes take under 60 % of the content width at 1366 px").isEmpty();
        assertThat(sideways).as("talk pages that scroll sideways at 390 px").isEmpty();
    }

    @Test
    void noPageInEitherLanguageShowsAMessageKeyOrLabelsItsControlsInTheOtherLanguage() {
        desktop();
        List<String> problems = new ArrayList<>();
        for (var page : pages.entrySet()) {
            for (String language : List.of("ko", "en")) {
                open(withLanguage(page.getValue(), language));
                String html = browser.getPageSource();
                Matcher key = Pattern.compile("\\?\\?[\\w.-]+\\?\\?").matcher(html);
                if (key.find()) {
                    problems.add(page.getKey() + " (" + language + "): " + key.group());
                }
                for (String label : spokenLabels()) {
                    boolean korean = HANGUL.matcher(label).find();
                    if (korean != "ko".equals(language)) {
                        problems.add(page.getKey() + " (" + language + "): screen readers hear '" + label + "'");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLanguageLinkKeepsThePageAndItsQueryOnEveryPageType() {
        desktop();
        for (var page : pages.entrySet()) {
            open(withLanguage(page.getValue(), "ko"));
            String before = browser.getCurrentUrl();
            browser.findElement(By.cssSelector(".lang-switch a")).click();
            session.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));

            String after = browser.getCurrentUrl();
            assertThat(pathOf(after)).as(page.getKey()).isEqualTo(pathOf(before));
            Map<String, String> query = queryOf(after);
            assertThat(query).as(page.getKey()).containsAllEntriesOf(withoutLanguage(queryOf(before)))
                .containsEntry("lang", "en");
            assertThat(browser.findElement(By.cssSelector(".site-nav a")).getText()).as(page.getKey() + " in English")
                .isEqualTo("Talks");
            assertThat(browser.findElements(By.cssSelector(".error-code")).isEmpty())
                .as(page.getKey() + " keeps its status").isEqualTo(!page.getKey().startsWith("missing")
                        && !page.getKey().equals("compare without runs"));
        }
    }

    @Test
    void theLanguageLinkFollowsASearchTypedOnTheSearchPage() {
        desktop();
        open("/search?lang=ko");
        browser.findElement(By.id("site-search-input")).sendKeys("GOGC");
        session.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("q=GOGC"));
        session.waitUpTo(Duration.ofSeconds(5)).until(driver -> queryOf(browser.findElement(By.cssSelector(".lang-switch a"))
            .getDomProperty("href")).getOrDefault("q", "").equals("GOGC"));
        assertThat(queryOf(browser.findElement(By.cssSelector(".lang-switch a")).getDomProperty("href")))
            .containsEntry("lang", "en");
    }

    @Test
    void everyFollowUpOfTheNotesHasAnAnswerThatLeadsToIt() {
        desktop();
        open("/follow-ups?lang=ko");
        assertThat(browser.findElement(By.cssSelector(".follow-up-counts")).getText())
            .isEqualTo("11곳 중 11곳에 답이 있고, 열린 곳은 0곳입니다.");
        assertThat(browser.findElements(By.cssSelector("#answered + ol > li"))).hasSize(11);
        String answers = browser.findElement(By.cssSelector("#answered + ol")).getText();
        assertThat(answers).contains("‘Proof’는 pprof입니다", "github.com/daangn/autopprof", "goreportcard.com",
                "TODO vs Background", "나머지 With* 함수", "AfterFunc", "소멸자 알아보기(자바도)");

        Map<String, String> inSite = new LinkedHashMap<>();
        for (WebElement link : browser.findElements(By.cssSelector(".follow-up-answer a[href^='/talks/']"))) {
            inSite.put(link.getText(), link.getDomAttribute("href"));
        }
        assertThat(inSite).as("answers in a demo's explanation").hasSize(4);
        inSite.forEach((answer, href) -> {
            open(href);
            String id = URLDecoder.decode(href.substring(href.indexOf('#') + 1), StandardCharsets.UTF_8);
            List<WebElement> section = browser.findElements(By.id(id));
            assertThat(section).as(answer + " → " + href).hasSize(1);
            assertThat(section.getFirst().getText()).as(href).isEqualTo(answer + "#");
        });
        open("/talks/context-state-management?lang=ko");
        String destructor = (String) browser.executeScript("const h = document.getElementById('소멸자-알아보기자바도');"
                + " return h.nextElementSibling.textContent");
        assertThat(destructor).contains("Cleaner", "finalize()는 폐기 예정");
    }

    @Test
    void eachKindOfMissingThingSaysWhatIsMissing() {
        desktop();
        Map<String, String> said = Map.of("missing talk", "없는 발표", "missing tag", "없는 태그", "missing demo", "없는 데모",
                "missing run", "없는 실행", "compare without runs", "비교할 두 실행");
        said.forEach((page, words) -> {
            open(withLanguage(pages.get(page), "ko"));
            assertThat(browser.findElement(By.cssSelector(".error-page")).getText()).as(page).contains(words);
        });
    }

    @Test
    void onATouchPhoneTheHeaderIsShortWithoutTheKeyboardHintAndTheTitleHasRoomAboveIt() {
        phone(true);
        for (var page : pages.entrySet()) {
            open(withLanguage(page.getValue(), "ko"));
            double header = number("return document.querySelector('.site-header').getBoundingClientRect().height");
            assertThat(header).as(page.getKey() + ": header height at 390×844").isLessThanOrEqualTo(844 / 8.0);
            assertThat(browser.findElement(By.cssSelector(".search-key")).isDisplayed()).as("the '/' hint").isFalse();
            assertThat(browser.findElement(By.id("site-search-input")).getDomAttribute("placeholder")).doesNotContain("/");
            double gap = number("return document.querySelector('main h1').getBoundingClientRect().top"
                    + " - document.querySelector('.site-header').getBoundingClientRect().bottom");
            assertThat(gap).as(page.getKey() + ": room between header and title").isGreaterThanOrEqualTo(20);
            assertThat(number("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as(page.getKey() + " scrolls sideways").isLessThanOrEqualTo(0);
        }
    }

    @Test
    void theHomeMetaLineNeverEndsALineInASeparator() {
        for (boolean onPhone : List.of(false, true)) {
            viewport(onPhone);
            open("/?lang=ko");
            // the separators are drawn before an item (::before), never left as text at the end of a line
            Object separatorsAsText = browser.executeScript("return Array.from(document.querySelector('.conference-meta')"
                    + ".childNodes).filter(n => n.nodeType === 3 && n.textContent.includes('·')).length");
            assertThat(((Number) separatorsAsText).intValue()).isZero();
            List<WebElement> items = browser.findElements(By.cssSelector(".conference-meta > span"));
            for (WebElement item : items) {
                double lines = number("const r = arguments[0].getClientRects(); return r.length", item);
                assertThat(lines).as("'" + item.getText() + "' stays on one line").isEqualTo(1);
            }
        }
    }

    @Test
    void theFooterSitsAtTheBottomOfAShortPage() {
        for (boolean onPhone : List.of(false, true)) {
            viewport(onPhone);
            open("/tags/no-such-tag");
            double bottom = number("return document.querySelector('.site-footer').getBoundingClientRect().bottom");
            assertThat(bottom).as(onPhone ? "phone" : "desktop").isCloseTo(number("return window.innerHeight"),
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void koreanTextIsDrawnWithTheServedWebFont() {
        desktop();
        open("/?lang=ko");
        session.waitUpTo(Duration.ofSeconds(10))
            .until(driver -> Boolean.TRUE.equals(browser.executeScript("return document.fonts.status === 'loaded'")));
        Object loaded = browser.executeScript("return Array.from(document.fonts).filter(f => f.status === 'loaded'"
                + " && f.family.replaceAll('\"', '') === 'Pretendard Variable').length");
        assertThat(((Number) loaded).intValue()).as("Pretendard subsets loaded for the home page").isPositive();
        Object total = browser.executeScript("return Array.from(document.fonts).filter(f => "
                + "f.family.replaceAll('\"', '') === 'Pretendard Variable').length");
        assertThat(((Number) loaded).intValue()).as("only the subsets the page uses").isLessThan(((Number) total).intValue());
        assertThat((Boolean) browser.executeScript("return document.fonts.check('16px \"Pretendard Variable\"', '발표')")).isTrue();
    }

    private List<String> spokenLabels() {
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.executeScript("""
                const out = [];
                document.querySelectorAll('[aria-label]').forEach(e => {
                  if (!e.classList.contains('heading-anchor')) out.push(e.getAttribute('aria-label'));
                });
                document.querySelectorAll('.visually-hidden').forEach(e => { if (e.textContent.trim()) out.push(e.textContent.trim()); });
                return out;""");
        return labels;
    }

    private void viewport(boolean touchPhone) {
        if (touchPhone) {
            phone(true);
        }
        else {
            desktop();
        }
    }

    private void desktop() {
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1366, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    private void phone(boolean touch) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", touch ? Map.of("enabled", true, "maxTouchPoints", 5)
                : Map.of("enabled", false));
    }

    private void open(String pathAndQuery) {
        browser.get("http://localhost:" + port + pathAndQuery);
    }

    private double number(String script, Object... args) {
        return ((Number) browser.executeScript(script, args)).doubleValue();
    }

    private static String withLanguage(String pathAndQuery, String language) {
        return pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "lang=" + language;
    }

    private static String pathOf(String url) {
        return URI.create(url).getRawPath();
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static Map<String, String> withoutLanguage(Map<String, String> query) {
        Map<String, String> rest = new LinkedHashMap<>(query);
        rest.remove("lang");
        return rest;
    }

    private static List<String> talkSlugs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("talks"))) {
            return files.map(f -> f.getFileName().toString())
                .filter(name -> name.endsWith(".md"))
                .map(name -> name.substring(0, name.length() - 3))
                .sorted()
                .toList();
        }
    }

    /** A short run of the context demo, through the API; its id. */
    private String startContextRun() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/demos/context/runs"))
            .header("Content-Type", "application/json")
            .header("Origin", "http://localhost:" + port)
            .POST(HttpRequest.BodyPublishers.ofString("{\"workMs\": 300, \"timeoutMs\": 1000}"))
            .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            assertThat(id.find()).as(response.body()).isTrue();
            return id.group(1);
        }
    }
}
