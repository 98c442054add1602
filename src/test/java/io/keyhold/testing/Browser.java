package io.keyhold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver, with a profile of its own that is
 * deleted when it closes. Without the background-networking flags Chromium keeps calling home,
 * which this machine's closed network refuses.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    public Browser() {
        this(true);
    }

    /** A browser that runs no script at all, as some users' browsers do. */
    public static Browser withoutJavaScript() {
        return new Browser(false);
    }

    private Browser(boolean javaScript) {
        try {
            profile = Files.createTempDirectory("keyhold-chromium-");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 860));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Clicks what submits a form or follows a link, and returns once the next page replaced this
     * one: a click returns as soon as it is dispatched, before the browser has navigated.
     */
    public void clickAndWait(By target) {
        WebElement current = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(replaced -> isGone(current));
    }

    /**
     * Whether an element's page has been replaced. ChromeDriver usually says so with a stale
     * element reference, but while the old document is being torn down it can answer with an
     * inspector error about a node that "does not belong to the document" instead.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException failure) {
            if (String.valueOf(failure.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw failure;
        }
    }

    /**
     * From now on, every page this browser opens keeps a list of what its Content-Security-Policy
     * blocked, for {@link #contentSecurityViolations()}.
     */
    public void recordContentSecurityViolations() {
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.cspViolations = [];"
                                + "document.addEventListener('securitypolicyviolation', event => window.cspViolations.push("
                                + "event.effectiveDirective + ' blocked ' + event.blockedURI + ' ' + event.sample));"));
    }

    /** What the current page's Content-Security-Policy blocked so far. */
    @SuppressWarnings("unchecked")
    public List<String> contentSecurityViolations() {
        return (List<String>) driver.executeScript("return window.cspViolations;");
    }

    /** A PNG of the whole page, below the fold too, written to {@code file}. */
    public void screenshot(Path file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> clip =
                Map.of("x", 0, "y", 0, "width", content.get("width"), "height", content.get("height"), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                FileSystemUtils.deleteRecursively(profile);
            } catch (IOException ignored) {
                // A profile left in /tmp is harmless; the test's result is what matters.
            }
        }
    }
}
