package dev.confnotes.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through its own chromedriver (Selenium's driver download
 * cannot work offline). Where Chromium is missing, browser tests are skipped on a developer's
 * machine and fail in CI ({@code CI=true}), so CI never passes without having run them.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getProperty("confnotes.chromium", "/usr/bin/chromium"));

    public static final Path CHROMEDRIVER = Path.of(System.getProperty("confnotes.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {
    }

    public static ChromeDriver start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("Chromium or chromedriver missing at " + CHROMIUM + " / " + CHROMEDRIVER
                        + ": CI must install chromium and chromium-driver");
            }
            Assumptions.abort("Chromium is not installed: browser test skipped on this machine");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("confnotes-chromium");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
