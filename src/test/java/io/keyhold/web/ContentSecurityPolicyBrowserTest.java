package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.mfa.Passkeys;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.Browser;
import io.keyhold.testing.OnChromium;
import io.keyhold.testing.SoftwareAuthenticator;
import io.keyhold.users.User;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages with a Content-Security-Policy still work under it in real Chromium: Swagger UI
 * renders and opens its forms, the link pages get their stylesheet, the console's login and
 * second-factor pages run its own script and show the QR code, and the policy blocks nothing. Every
 * other console page runs no script at all, not even the console's own.
 */
@OnChromium
class ContentSecurityPolicyBrowserTest extends ApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Passkeys passkeys;

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
        page.get(url("/docs"));
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
    void consoleLoginPagesRunTheConsolesOwnScriptWithNothingBlocked() {
        page.get(url("/admin/login"));
        assertThat(page.findElement(By.id("passkey-login-button")).isDisplayed())
                .as("the script shows what needs it")
                .isTrue();
        assertThat(browser.contentSecurityViolations()).isEmpty();

        Account staff = newStaff();
        var authenticator = new SoftwareAuthenticator();
        User user = userAccounts.findById(staff.id()).orElseThrow();
        Passkeys.Ceremony creation = passkeys.registrationOptions(user);
        passkeys.register(
                user, creation.flowId(), authenticator.create(creation.publicKey(), PUBLIC_URL, "localhost"), "Key");
        logIn(staff);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Two-factor authentication");
        assertThat(page.findElement(By.id("use-passkey")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.id("passkey-needs-script")).isDisplayed())
                .isFalse();
        assertThat(browser.contentSecurityViolations()).isEmpty();
    }

    @Test
    void consoleSecondFactorPageRunsItsScriptAndDrawsTheQrCodeWithNothingBlocked() {
        logIn(newStaff());
        page.get(url("/admin/account/mfa"));
        assertThat(page.findElement(By.id("add-passkey")).isDisplayed()).isTrue();
        assertThat(browser.contentSecurityViolations()).isEmpty();

        page.findElement(By.id("totp-password")).sendKeys(PASSWORD);
        browser.clickAndWait(By.id("begin-totp-button"));
        assertThat((Long) ((JavascriptExecutor) page)
                        .executeScript("return arguments[0].naturalWidth", page.findElement(By.id("totp-qr"))))
                .isPositive();
        assertThat(browser.contentSecurityViolations()).isEmpty();
    }

    @Test
    void everyOtherConsolePageRunsNoScriptNotEvenTheConsolesOwn() {
        logIn(newStaff());
        page.get(url("/admin/users"));
        ((JavascriptExecutor) page)
                .executeScript("const inline = document.createElement('script');"
                        + "inline.textContent = 'window.inlineRan = true';"
                        + "document.body.append(inline);"
                        + "const file = document.createElement('script');"
                        + "file.src = '/assets/passkeys.js';"
                        + "document.body.append(file);");

        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(blocked -> browser.contentSecurityViolations().size() == 2);
        assertThat(browser.contentSecurityViolations())
                .allMatch(violation -> violation.startsWith("script-src-elem blocked"))
                .anyMatch(violation -> violation.contains("/assets/passkeys.js"));
        assertThat(((JavascriptExecutor) page).executeScript("return window.inlineRan === true"))
                .isEqualTo(false);
    }

    @Test
    void linkPageGetsItsStylesheetWithNothingBlocked() {
        page.get(url("/reset-password?token=not-a-token"));

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This link cannot be used");
        assertThat(page.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(244, 245, 247, 1)");
        assertThat(browser.contentSecurityViolations()).isEmpty();
    }

    private void logIn(Account account) {
        page.get(url("/admin/login"));
        page.findElement(By.id("email")).sendKeys(account.email());
        page.findElement(By.id("password")).sendKeys(account.password());
        browser.clickAndWait(By.id("login"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
