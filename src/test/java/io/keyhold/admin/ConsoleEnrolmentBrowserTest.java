package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.mfa.TotpCodes;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.Browser;
import io.keyhold.testing.OnChromium;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code keyhold.mfa.required-for-staff}, in real headless Chromium: staff without a second
 * factor are sent to set one up, set up an authenticator app from the QR code's key, and from then
 * on log in with its code, or once with each recovery code.
 */
@OnChromium
@TestPropertySource(properties = "keyhold.mfa.required-for-staff=true")
class ConsoleEnrolmentBrowserTest extends ApiTest {

    @LocalServerPort
    private int port;

    private Browser browser;
    private ChromeDriver page;

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
        page = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void staffWithoutASecondFactorAreSentToSetOneUpFromEveryPageButMayLogOut() {
        Account staff = newStaff();
        logIn(staff);
        assertThat(page.getCurrentUrl()).isEqualTo(url("/admin/account/mfa"));
        assertThat(page.findElement(By.id("must-enrol")).getText()).startsWith("Staff must set up a second factor");

        for (String path : List.of("/admin/", "/admin/users", "/admin/users/" + staff.id(), "/admin/audit")) {
            page.get(url(path));
            assertThat(page.getCurrentUrl()).as(path).isEqualTo(url("/admin/account/mfa"));
        }
        browser.clickAndWait(By.linkText("Users"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Your second factors");

        browser.clickAndWait(By.id("logout"));
        assertThat(page.getPageSource()).contains("You have logged out.");
        page.get(url("/admin/account/mfa"));
        assertThat(page.getCurrentUrl()).startsWith(url("/admin/login"));
    }

    @Test
    void staffSetUpAnAuthenticatorAppThenLogInWithItsCodeOrOnceWithARecoveryCode() {
        Account staff = newStaff();
        logIn(staff);
        page.findElement(By.id("totp-password")).sendKeys(PASSWORD);
        browser.clickAndWait(By.id("begin-totp-button"));
        WebElement qrCode = page.findElement(By.id("totp-qr"));
        assertThat((Long) page.executeScript("return arguments[0].naturalWidth", qrCode))
                .as("the QR code is drawn")
                .isPositive();
        String secret = page.findElement(By.id("totp-secret")).getText();
        page.findElement(By.id("code")).sendKeys(TotpCodes.at(secret, clock.instant()));
        browser.clickAndWait(By.id("confirm-totp-button"));

        List<String> recoveryCodes = page.findElements(By.cssSelector("#recovery-codes li")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(recoveryCodes).hasSize(10);
        browser.clickAndWait(By.id("continue"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        page.get(url("/admin/account/mfa"));
        assertThat(page.findElement(By.id("totp-status")).getText()).startsWith("on since");
        assertThat(page.getPageSource()).as("shown once").doesNotContain(recoveryCodes.get(0), secret);
        browser.clickAndWait(By.id("logout"));

        clock.advance(TotpCodes.STEP);
        logIn(staff);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Two-factor authentication");
        page.findElement(By.id("code")).sendKeys(TotpCodes.at(secret, clock.instant()));
        browser.clickAndWait(By.id("verify"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.clickAndWait(By.id("logout"));

        logInWithRecoveryCode(staff, recoveryCodes.get(0));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.clickAndWait(By.id("logout"));

        logInWithRecoveryCode(staff, recoveryCodes.get(0));
        assertThat(page.findElement(By.id("login-error")).getText()).isEqualTo("Invalid code");
    }

    private void logIn(Account account) {
        page.get(url("/admin/"));
        page.findElement(By.id("email")).sendKeys(account.email());
        page.findElement(By.id("password")).sendKeys(account.password());
        browser.clickAndWait(By.id("login"));
    }

    private void logInWithRecoveryCode(Account account, String recoveryCode) {
        logIn(account);
        page.findElement(By.cssSelector("details summary")).click();
        page.findElement(By.id("recovery_code")).sendKeys(recoveryCode);
        browser.clickAndWait(By.id("use-recovery-code"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
