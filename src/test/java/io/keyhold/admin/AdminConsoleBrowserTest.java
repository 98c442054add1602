package io.keyhold.admin;

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
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in real headless Chromium, driven as a staff member would drive it: by typing and
 * clicking, with no script of the page's own (only the login and second-factor pages have one, for
 * passkeys: see {@code ConsolePasskeysBrowserTest}). Where a test must forge what a browser would not
 * send (a form without its CSRF token, a checkbox the page does not offer), it edits the page's
 * DOM and then submits the form as usual.
 */
@OnChromium
class AdminConsoleBrowserTest extends ApiTest {

    @LocalServerPort
    private int port;

    private Browser browser;
    private WebDriver page;

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
    void staffSearchesEditsEndsSessionsAndDeactivatesAUser() {
        Account staff = newStaff();
        Account target = newUser();
        String token = tokenOf(target);
        logIn(staff);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");

        browser.clickAndWait(By.linkText("Users"));
        page.findElement(By.id("search"))
                .sendKeys(target.email().substring(0, target.email().indexOf('@')));
        browser.clickAndWait(By.id("apply-filters"));
        assertThat(page.findElements(By.cssSelector("#users tbody tr")))
                .singleElement()
                .extracting(WebElement::getText)
                .asString()
                .contains(target.email());
        browser.clickAndWait(By.linkText(target.email()));

        WebElement name = page.findElement(By.id("name"));
        name.clear();
        name.sendKeys("Grace Hopper");
        browser.clickAndWait(By.id("save"));
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("The changes were saved.");
        assertThat(api.get("/api/users/me/", token).text("name")).isEqualTo("Grace Hopper");

        browser.clickAndWait(By.id("end-sessions"));
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("All sessions of this account were ended.");
        assertThat(api.get("/api/users/me/", token).status()).isEqualTo(401);

        browser.clickAndWait(By.id("deactivate"));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("inactive");
        var login = login(target.email(), target.password());
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.error()).isEqualTo("Account is disabled");

        page.get(url("/admin/audit?user_id=" + target.id() + "&type=user_updated"));
        assertThat(page.findElements(By.cssSelector("#events tbody tr")))
                .hasSize(2)
                .allSatisfy(row -> assertThat(
                                row.findElements(By.tagName("td")).get(3).getText())
                        .as("the By column names the staff member")
                        .isEqualTo(String.valueOf(staff.id())));
    }

    @Test
    void aUserWhoIsNotStaffCannotGetIn() {
        Account user = newUser();
        logIn(user);
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Staff only");
        assertThat(page.findElement(By.id("message")).getText()).startsWith("The admin console is for staff only.");

        page.get(url("/admin/users"));
        assertThat(page.getCurrentUrl()).startsWith(url("/admin/login"));
        assertThat(page.findElements(By.id("users"))).isEmpty();
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        page.get(url("/admin/users/" + target.id()));
        WebElement name = page.findElement(By.id("name"));
        name.clear();
        name.sendKeys("Forged Name");
        browser.driver().executeScript("document.querySelector('#edit input[name=_csrf]').remove()");
        browser.clickAndWait(By.id("save"));

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This form has expired");
        assertThat(api.get("/api/users/" + target.id() + "/", tokenOf(newStaff()))
                        .text("name"))
                .isEqualTo("Test User");
    }

    @Test
    void aPlainStaffMemberIsNotOfferedSuperuserAndCannotForgeIt() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        page.get(url("/admin/users/" + target.id()));
        assertThat(page.findElements(By.id("is_superuser"))).isEmpty();
        assertThat(page.findElements(By.id("is_staff"))).isEmpty();

        browser.driver()
                .executeScript("const forged = document.createElement('input');"
                        + "forged.type = 'hidden'; forged.name = 'is_superuser'; forged.value = 'on';"
                        + "document.getElementById('edit').appendChild(forged);");
        browser.clickAndWait(By.id("save"));

        assertThat(page.findElement(By.id("error")).getText()).isEqualTo("Only a superuser may change is_superuser.");
        assertThat(api.get("/api/users/" + target.id() + "/", tokenOf(newSuperuser()))
                        .json()
                        .get("is_superuser")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aSuperuserCanGrantSuperuser() {
        Account superuser = newSuperuser();
        Account target = newStaff();
        logIn(superuser);
        page.get(url("/admin/users/" + target.id()));
        page.findElement(By.id("is_superuser")).click();
        browser.clickAndWait(By.id("save"));

        assertThat(page.findElement(By.id("role")).getText()).isEqualTo("superuser");
        assertThat(api.get("/api/users/me/", tokenOf(target))
                        .json()
                        .get("is_superuser")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void deletingAsksForConfirmationFirst() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        page.get(url("/admin/users/" + target.id()));
        browser.clickAndWait(By.id("delete"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Delete this user?");
        assertThat(userAccounts.findById(target.id())).isPresent();

        browser.clickAndWait(By.id("confirm-delete"));
        assertThat(page.getCurrentUrl()).startsWith(url("/admin/users"));
        assertThat(page.getPageSource()).contains("The user was deleted.");
        assertThat(userAccounts.findById(target.id())).isEmpty();
    }

    @Test
    void anIdleConsoleSessionTimesOutAndLogoutEndsIt() {
        Account staff = newStaff();
        logIn(staff);
        clock.advance(Duration.ofMinutes(31));
        page.get(url("/admin/users"));
        assertThat(page.getCurrentUrl()).startsWith(url("/admin/login"));

        clock.reset();
        logIn(staff);
        browser.clickAndWait(By.id("logout"));
        assertThat(page.getPageSource()).contains("You have logged out.");
        page.get(url("/admin/"));
        assertThat(page.getCurrentUrl()).startsWith(url("/admin/login"));
    }

    @Test
    void everyActionWorksWithJavaScriptSwitchedOff() {
        Account staff = newStaff();
        Account target = newUser();
        browser.close();
        browser = Browser.withoutJavaScript();
        page = browser.driver();
        String token = tokenOf(target);
        logIn(staff);
        page.get(url("/admin/users?search=" + target.email()));
        browser.clickAndWait(By.linkText(target.email()));
        WebElement name = page.findElement(By.id("name"));
        name.clear();
        name.sendKeys("Without Script");
        browser.clickAndWait(By.id("save"));
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("The changes were saved.");
        browser.clickAndWait(By.id("end-sessions"));
        assertThat(api.get("/api/users/me/", token).status()).isEqualTo(401);
        browser.clickAndWait(By.id("send-reset"));
        assertThat(page.findElement(By.id("notice")).getText()).startsWith("If the account is active");
        browser.clickAndWait(By.id("deactivate"));
        assertThat(page.findElement(By.id("notice")).getText())
                .isEqualTo("The account was deactivated and all its sessions ended.");
        var stored = userAccounts.findById(target.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("Without Script");
        assertThat(stored.active()).isFalse();
        browser.clickAndWait(By.id("delete"));
        browser.clickAndWait(By.id("confirm-delete"));
        assertThat(userAccounts.findById(target.id())).isEmpty();
        browser.clickAndWait(By.id("logout"));
        assertThat(page.getPageSource()).contains("You have logged out.");
        assertThat(api.get("/admin/login", null).header("Content-Security-Policy"))
                .as("the login page may run the console's own script file and nothing inline")
                .contains("default-src 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    private void logIn(Account account) {
        page.get(url("/admin/"));
        page.findElement(By.id("email")).sendKeys(account.email());
        page.findElement(By.id("password")).sendKeys(account.password());
        browser.clickAndWait(By.id("login"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
