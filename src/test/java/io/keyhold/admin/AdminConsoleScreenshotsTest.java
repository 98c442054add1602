package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import io.keyhold.testing.Browser;
import io.keyhold.testing.OnChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Fills a fresh database with a week of signups and logins, checks that the console shows them,
 * and takes the README's screenshots of the dashboard, the user list, a user, the audit log and
 * the setting up of an authenticator app into {@code docs/img/}.
 */
@OnChromium
@TestPropertySource(
        properties = {
            "keyhold.bootstrap.admin.email=admin@example.com",
            "keyhold.bootstrap.admin.password=" + ApiTest.PASSWORD
        })
class AdminConsoleScreenshotsTest extends ApiTest {

    private static final Path IMAGES = Path.of("docs", "img");
    private static final List<String> PEOPLE = List.of(
            "Ada Lovelace",
            "Grace Hopper",
            "Alan Turing",
            "Katherine Johnson",
            "Edsger Dijkstra",
            "Barbara Liskov",
            "Donald Knuth",
            "Margaret Hamilton",
            "Dennis Ritchie",
            "Frances Allen",
            "John Backus",
            "Radia Perlman",
            "Tim Berners-Lee",
            "Hedy Lamarr",
            "Claude Shannon",
            "Shafi Goldwasser",
            "Ken Thompson",
            "Adele Goldberg",
            "Leslie Lamport",
            "Sophie Wilson");
    /** Signups per day, oldest day first; each new user also logs in once that day. */
    private static final int[] SIGNUPS = {2, 4, 1, 3, 5, 2, 3};

    @LocalServerPort
    private int port;

    @Test
    void theConsoleShowsAWeekOfActivity() {
        int person = 0;
        for (int day = 0; day < SIGNUPS.length; day++) {
            clock.reset();
            clock.advance(Duration.ofDays(day - (SIGNUPS.length - 1)));
            for (int signup = 0; signup < SIGNUPS[day]; signup++) {
                String name = PEOPLE.get(person++);
                String email = emailOf(name);
                assertThat(signup(Map.of("email", email, "password", PASSWORD, "name", name))
                                .status())
                        .isEqualTo(201);
                assertThat(login(email, PASSWORD).status()).isEqualTo(200);
            }
        }
        clock.reset();
        String adminToken = tokenOf(new Account(0, "admin@example.com", PASSWORD));
        long grace = idOf("Grace Hopper");
        api.patchJson("/api/users/" + grace + "/", adminToken, Map.of("is_staff", true, "phone", "+1 555 0100"));
        api.patchJson("/api/users/" + idOf("Alan Turing") + "/", adminToken, Map.of("is_active", false));

        try (Browser browser = new Browser()) {
            WebDriver page = browser.driver();
            page.get(url("/admin/"));
            page.findElement(By.id("email")).sendKeys("admin@example.com");
            page.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.clickAndWait(By.id("login"));

            assertThat(page.findElement(By.id("total-users")).getText()).isEqualTo(String.valueOf(PEOPLE.size() + 1));
            List<String> signupsPerDay = page.findElements(By.cssSelector("#activity td.signups")).stream()
                    .map(cell -> cell.getText())
                    .toList();
            // Today's four are three signups and the bootstrap admin, created at startup.
            assertThat(signupsPerDay).containsExactly("2", "4", "1", "3", "5", "2", "4");
            browser.screenshot(IMAGES.resolve("admin-dashboard.png"));

            page.get(url("/admin/users?ordering=-created_at"));
            assertThat(page.findElement(By.cssSelector("#users caption")).getText())
                    .isEqualTo((PEOPLE.size() + 1) + " users");
            browser.screenshot(IMAGES.resolve("admin-users.png"));

            page.get(url("/admin/users/" + grace));
            assertThat(page.findElement(By.id("role")).getText()).isEqualTo("staff");
            browser.screenshot(IMAGES.resolve("admin-user.png"));

            page.get(url("/admin/audit"));
            assertThat(page.findElement(By.cssSelector("#events tbody")).getText())
                    .contains("user_updated", "login_succeeded", "signup");
            browser.screenshot(IMAGES.resolve("admin-audit.png"));

            // Begun and left unconfirmed: the admin's logins above stay password-only.
            browser.clickAndWait(By.id("account-mfa"));
            page.findElement(By.id("totp-password")).sendKeys(PASSWORD);
            browser.clickAndWait(By.id("begin-totp-button"));
            assertThat((Long) browser.driver()
                            .executeScript("return arguments[0].naturalWidth", page.findElement(By.id("totp-qr"))))
                    .isPositive();
            browser.screenshot(IMAGES.resolve("console-mfa-enrolment.png"));
        }
        assertThat(IMAGES.resolve("admin-dashboard.png")).isNotEmptyFile();
    }

    private long idOf(String name) {
        return userAccounts.findByEmail(emailOf(name)).orElseThrow().id();
    }

    private static String emailOf(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com";
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
