package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import io.keyhold.testing.Browser;
import io.keyhold.testing.OnChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passkeys in the console, in real headless Chromium with its virtual authenticator standing in
 * for a phone or a laptop's fingerprint reader, and a user's second factors on their page.
 *
 * <p>A passkey is bound to the origin the browser sees, so Keyhold is served here at {@code
 * http://localhost} on a port chosen before it starts, which {@code keyhold.public-url} names: the
 * relying party is then {@code localhost} and the one origin allowed is the one the browser uses.
 * WebAuthn needs a secure context, which {@code http://localhost} is.
 */
@OnChromium
class ConsolePasskeysBrowserTest extends ApiTest {

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void servedAtLocalhost(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("keyhold.public-url", () -> "http://localhost:" + PORT);
    }

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
    void staffAddAPasskeyThenLogInWithItAloneAndAsTheirSecondFactor() {
        Account staff = newStaff();
        VirtualAuthenticator authenticator = page.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
        logIn(staff);
        browser.clickAndWait(By.id("account-mfa"));

        page.findElement(By.id("passkey-name")).sendKeys("Work laptop");
        page.findElement(By.id("passkey-password")).sendKeys("not my password");
        page.findElement(By.id("add-passkey-button")).click();
        new WebDriverWait(page, Duration.ofSeconds(20))
                .until(shown -> !problemOf("add-passkey").isEmpty());
        assertThat(problemOf("add-passkey")).isEqualTo("Your current password was entered incorrectly.");
        assertThat(authenticator.getCredentials()).isEmpty();

        page.findElement(By.id("passkey-password")).clear();
        page.findElement(By.id("passkey-password")).sendKeys(PASSWORD);
        browser.clickAndWait(By.id("add-passkey-button"));
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("The passkey was added.");
        assertThat(page.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        assertThat(authenticator.getCredentials())
                .singleElement()
                .satisfies(credential ->
                        assertThat(credential.isResidentCredential()).isTrue());
        page.get(url("/admin/account/mfa"));
        assertThat(page.findElement(By.cssSelector("#passkeys tbody")).getText())
                .contains("Work laptop");
        browser.clickAndWait(By.id("logout"));

        browser.clickAndWait(By.id("passkey-login-button"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.clickAndWait(By.id("logout"));

        logIn(staff);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Two-factor authentication");
        assertThat(page.findElements(By.id("code-form")))
                .as("no authenticator app")
                .isEmpty();
        browser.clickAndWait(By.id("use-passkey"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        page.get(url("/admin/account/mfa"));
        assertThat(page.findElement(By.cssSelector("#passkeys tbody td:nth-child(3)"))
                        .getText())
                .as("last used")
                .endsWith("UTC");
    }

    @Test
    void staffRemoveAUsersSecondFactorsWhichPlainStaffAreNotOfferedForAColleague() {
        Account user = newUser();
        EnrolledTotp.of(api, tokenOf(user), PASSWORD, clock);
        Account colleague = newStaff();
        EnrolledTotp.of(api, tokenOf(colleague), PASSWORD, clock);
        logIn(newStaff());

        page.get(url("/admin/users/" + colleague.id()));
        assertThat(page.findElement(By.id("factor-totp")).getText()).startsWith("on since");
        assertThat(page.findElements(By.id("remove-factors"))).isEmpty();

        page.get(url("/admin/users/" + user.id()));
        assertThat(page.findElement(By.id("factor-recovery-codes")).getText()).isEqualTo("10 left");
        browser.clickAndWait(By.id("remove-factors"));
        assertThat(page.findElement(By.id("notice")).getText())
                .isEqualTo("Every second factor of this account was removed and all its sessions ended.");
        assertThat(page.findElement(By.id("factor-totp")).getText()).isEqualTo("off");
        assertThat(page.findElement(By.id("factor-recovery-codes")).getText()).isEqualTo("0 left");
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    private String problemOf(String formId) {
        return page.findElement(By.cssSelector("#" + formId + " [data-passkey-error]"))
                .getText();
    }

    private void logIn(Account account) {
        page.get(url("/admin/"));
        page.findElement(By.id("email")).sendKeys(account.email());
        page.findElement(By.id("password")).sendKeys(account.password());
        browser.clickAndWait(By.id("login"));
    }

    private static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
