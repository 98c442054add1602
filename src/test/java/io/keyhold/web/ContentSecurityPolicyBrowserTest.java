package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import io.keyhold.testing.Browser;
import io.keyhold.testing.OnChromium;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages with a Content-Security-Policy still work under it in real Chromium: Swagger UI
 * renders and opens its forms, the link pages get their stylesheet, and the policy blocks nothing.
 */
@OnChromium
class ContentSecurityPolicyBrowserTest extends ApiTest {

    @LocalServerPort
    private int port;

    private Browser browser;
    private WebDriver page;

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
        browser.recordContentSecurityViolations();
        page = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void swaggerUiRendersAndOpensAnOperationWithNothingBlocked() {
        page.get("http://127.0.0.1:" + port + "/docs");
        new WebDriverWait(page, Duration.ofSeconds(30))
                .until(loaded -> loaded.findElements(By.cssSelector(".opblock")).size() >= 10);

        page.findElement(By.cssSelector("[data-path='/api/users/login/'] ")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(open ->
                        !open.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        page.findElement(By.cssSelector(".try-out__btn")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(editing -> !editing.findElements(By.cssSelector(".body-param__text"))
                        .isEmpty());
        page.findElement(By.cssSelector(".authorize")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(dialog ->
                        !dialog.findElements(By.cssSelector(".modal-ux")).isEmpty());

        // Swagger UI's own stylesheet applies: each method is a coloured label.
        assertThat(page.findElement(By.cssSelector(".opblock-summary-method")).getCssValue("background-color"))
                .isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(browser.contentSecurityViolations()).isEmpty();
    }

    @Test
    void linkPageGetsItsStylesheetWithNothingBlocked() {
        page.get("http://127.0.0.1:" + port + "/reset-password?token=not-a-token");

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This link cannot be used");
        assertThat(page.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(244, 245, 247, 1)");
        assertThat(browser.contentSecurityViolations()).isEmpty();
    }
}
