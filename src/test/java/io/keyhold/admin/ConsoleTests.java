package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import io.keyhold.testing.ConsoleClient.Page;
import io.keyhold.time.Timestamps;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The console over plain HTTP, with cookies and CSRF tokens handled as a browser handles them:
 * what the browser suite cannot see (statuses, cookies, database effects on both databases).
 */
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
abstract class ConsoleTests extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private ConsoleClient console;

    @BeforeEach
    void openConsole() {
        console = newConsole();
    }

    @Test
    void aUserWhoIsNotStaffIsRefusedAndTheRefusalIsAudited() {
        Account user = newUser();
        Page refused = console.logIn(user.email(), user.password());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.textOf("h1")).isEqualTo("Staff only");
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
        assertThat(console.get("/admin/").location()).endsWith("/admin/login?next=%2Fadmin%2F");
        assertThat(auditDetails(user.id(), "login_failed")).containsExactly(ConsoleSignIn.STAFF_ONLY);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithTheEmailKept() {
        Account staff = newStaff();
        Page form = console.logIn(staff.email(), "not the password");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.textOf("#login-error")).isEqualTo("Invalid email or password");
        assertThat(form.document().selectFirst("#email").attr("value")).isEqualTo(staff.email());
        assertThat(form.document().selectFirst("#password").attr("value")).isEmpty();
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
    }

    @Test
    void aMalformedLoginShowsEachProblemNextToItsField() {
        console.get("/admin/login");
        Page form = console.post("/admin/login", Map.of("email", "not-an-email", "password", "short"));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.textOf("#email-errors")).isEqualTo("Enter a valid email address.");
        assertThat(form.textOf("#password-errors")).isEqualTo("Ensure this field has at least 8 characters.");
        assertThat(form.document().selectFirst("#email").attr("aria-describedby"))
                .isEqualTo("email-errors");
    }

    @Test
    void aLoginWithoutAPasswordSaysItIsRequiredAsTheApiDoes() {
        Account staff = newStaff();
        console.get("/admin/login");
        Page form = console.post("/admin/login", Map.of("email", staff.email()));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.textOf("#password-errors")).isEqualTo("This field is required.");
        assertThat(form.document().selectFirst("#email").attr("value")).isEqualTo(staff.email());
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() {
        Account staff = newStaff();
        console.get("/admin/login");
        Page refused =
                console.postWithout("/admin/login", Map.of("email", staff.email(), "password", staff.password()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.textOf("h1")).isEqualTo("This form has expired");
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
    }

    @Test
    void anActionWithoutTheCsrfTokenChangesNothing() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        Page refused = console.postWithout("/admin/users/" + target.id() + "/deactivate", Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(userAccounts.findById(target.id()).orElseThrow().active()).isTrue();
    }

    @Test
    void aFormSentFromAnotherSiteOrOriginChangesNothingEvenWithItsToken() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        console.get("/admin/users/" + target.id());
        String path = "/admin/users/" + target.id() + "/deactivate";
        String own = "http://127.0.0.1:" + port;

        // A sibling subdomain able to plant the CSRF cookie would still be a "same-site" sender.
        for (Map<String, String> elsewhere : List.of(
                Map.of("Sec-Fetch-Site", "same-site", "Origin", "http://app.127.0.0.1"),
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"),
                Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"))) {
            Page refused = console.postFrom(path, Map.of(), elsewhere);
            assertThat(refused.status()).as(elsewhere.toString()).isEqualTo(403);
            assertThat(refused.textOf("h1")).isEqualTo("This form has expired");
        }
        assertThat(userAccounts.findById(target.id()).orElseThrow().active()).isTrue();

        Page sameOrigin = console.postFrom(path, Map.of(), Map.of("Sec-Fetch-Site", "same-origin", "Origin", own));
        assertThat(sameOrigin.status()).isEqualTo(302);
        assertThat(userAccounts.findById(target.id()).orElseThrow().active()).isFalse();
        console.get("/admin/users/" + target.id());
        Page publicOrigin =
                console.postFrom("/admin/users/" + target.id() + "/activate", Map.of(), Map.of("Origin", PUBLIC_URL));
        assertThat(publicOrigin.status())
                .as("the origin of keyhold.public-url, as a proxy in front serves it")
                .isEqualTo(302);
        assertThat(userAccounts.findById(target.id()).orElseThrow().active()).isTrue();
    }

    @Test
    void theConsoleUsesCookiesOfItsOwnAndNoServletSession() {
        Account staff = newStaff();
        String token = tokenOf(staff);
        Page redirected = console.get("/admin/");
        assertThat(redirected.status()).isEqualTo(302);

        var withToken = api.get("/admin/", token);
        assertThat(withToken.status())
                .as("an API token does not open the console")
                .isEqualTo(302);
        logIn(staff);
        String cookie = console.cookie(ConsoleCookie.NAME).orElseThrow();
        assertThat(api.get("/api/users/me/", cookie).status())
                .as("a console cookie is no API token")
                .isEqualTo(401);
        assertThat(console.cookie("JSESSIONID")).isEmpty();
    }

    @Test
    void aConsoleLoginDoesNotCountAgainstTheOneSessionRule() {
        Account staff = newStaff();
        logIn(staff);
        assertThat(login(staff.email(), staff.password()).status()).isEqualTo(200);
        assertThat(console.get("/admin/").status())
                .as("the API login left the console session alone")
                .isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesButNotWhileInUse() {
        Account staff = newStaff();
        logIn(staff);
        clock.advance(Duration.ofMinutes(29));
        assertThat(console.get("/admin/users").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(29));
        assertThat(console.get("/admin/users").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));

        Page expired = console.get("/admin/users");
        assertThat(expired.status()).isEqualTo(302);
        assertThat(expired.location()).endsWith("/admin/login?next=%2Fadmin%2Fusers");
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
    }

    @Test
    void endingAUsersSessionsEndsTheirConsoleSessionsToo() {
        Account superuser = newSuperuser();
        Account staff = newStaff();
        ConsoleClient staffConsole = newConsole();
        staffConsole.logIn(staff.email(), staff.password());
        assertThat(staffConsole.get("/admin/").status()).isEqualTo(200);

        logIn(superuser);
        console.get("/admin/users/" + staff.id());
        assertThat(console.post("/admin/users/" + staff.id() + "/sessions/end", Map.of())
                        .location())
                .endsWith("/admin/users/" + staff.id() + "?done=sessions-ended");
        assertThat(staffConsole.get("/admin/").status()).isEqualTo(302);
    }

    @Test
    void aStaffMemberWhoIsDemotedLosesTheConsoleAtOnce() {
        Account superuser = newSuperuser();
        Account staff = newStaff();
        logIn(staff);
        assertThat(api.patchJson("/api/users/" + staff.id() + "/", tokenOf(superuser), Map.of("is_staff", false))
                        .status())
                .isEqualTo(200);
        assertThat(console.get("/admin/").status()).isEqualTo(302);
    }

    @Test
    void theDashboardCountsUsersAndSignupsAndLoginsPerDay() {
        clock.advance(Duration.ofDays(-3));
        String tag = tag();
        for (int signup = 0; signup < 2; signup++) {
            String email = tag + signup + "@example.com";
            assertThat(signup(Map.of("email", email, "password", PASSWORD, "name", "New " + signup))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(login(tag + "0@example.com", PASSWORD).status()).isEqualTo(200);
        LocalDate threeDaysAgo = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        clock.reset();
        Account staff = newStaff();
        logIn(staff);

        Page dashboard = console.get("/admin/");
        Element row = dashboard.document().selectFirst("#activity tr[data-date=" + threeDaysAgo + "]");
        assertThat(row.selectFirst("td.signups").text()).isEqualTo(String.valueOf(countAudit("signup", threeDaysAgo)));
        assertThat(row.selectFirst("td.logins").text())
                .isEqualTo(String.valueOf(countAudit("login_succeeded", threeDaysAgo)));
        assertThat(countAudit("signup", threeDaysAgo)).isGreaterThanOrEqualTo(2);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(dashboard.document().select("#activity tbody tr")).hasSize(DashboardController.DAYS);
        assertThat(dashboard
                        .document()
                        .selectFirst("#activity tbody tr:last-child")
                        .attr("data-date"))
                .isEqualTo(today.toString());
        assertThat(Long.parseLong(dashboard.textOf("#total-users")))
                .isEqualTo(
                        jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single());
        assertThat(dashboard.document().select("svg rect.signups")).hasSize(DashboardController.DAYS);
    }

    @Test
    void theListSearchesFiltersSortsAndPages() {
        String tag = tag();
        for (String name : List.of("Zed", "Amy", "Bob")) {
            signup(Map.of(
                    "email", name.toLowerCase() + "." + tag + "@example.com", "password", PASSWORD, "name", name));
        }
        Account staff = newStaff();
        String token = tokenOf(staff);
        long bob = userAccounts
                .findByEmail("bob." + tag + "@example.com")
                .orElseThrow()
                .id();
        api.patchJson("/api/users/" + bob + "/", token, Map.of("is_active", false));
        logIn(staff);

        assertThat(emails(console.get("/admin/users?search=" + tag + "&ordering=email")))
                .containsExactly(
                        "amy." + tag + "@example.com", "bob." + tag + "@example.com", "zed." + tag + "@example.com");
        assertThat(emails(console.get("/admin/users?search=" + tag + "&ordering=-email")))
                .first()
                .isEqualTo("zed." + tag + "@example.com");
        assertThat(emails(console.get("/admin/users?search=" + tag + "&is_active=false")))
                .containsExactly("bob." + tag + "@example.com");
        assertThat(emails(console.get("/admin/users?search=" + tag + "&is_staff=true")))
                .isEmpty();

        Page first = console.get("/admin/users?search=" + tag + "&ordering=email&page_size=2");
        assertThat(emails(first)).hasSize(2);
        assertThat(first.textOf(".pager")).contains("Page 1 of 2");
        Page second = console.get(first.document().selectFirst("a[rel=next]").attr("href"));
        assertThat(emails(second)).containsExactly("zed." + tag + "@example.com");
        assertThat(console.get("/admin/users?search=" + tag + "&page=3&page_size=2")
                        .status())
                .as("a page past the end")
                .isEqualTo(404);
        assertThat(console.get("/admin/users?search=a%2Bb")
                        .document()
                        .selectFirst("th a")
                        .attr("href"))
                .as("a plus in the search survives a click on a column")
                .contains("search=a%2Bb");

        assertThat(api.get("/api/users/?search=" + tag + "&is_active=false", token)
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/users/?is_staff=maybe", token).fieldErrors("is_staff"))
                .containsExactly("Select a valid choice. maybe is not one of the available choices.");
    }

    @Test
    void editingShowsEachProblemNextToItsFieldAndStoresNothing() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        console.get("/admin/users/" + target.id());
        Page refused = console.post(
                "/admin/users/" + target.id(),
                Map.of("email", "not-an-email", "name", "Changed", "phone", "call me", "_is_active", "on"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.textOf("#email-errors")).isEqualTo("Enter a valid email address.");
        assertThat(refused.textOf("#phone-errors")).startsWith("Enter a valid phone number");
        assertThat(refused.document().selectFirst("#name").attr("value")).isEqualTo("Changed");
        var stored = userAccounts.findById(target.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("Test User");
        assertThat(stored.active()).as("the unticked box was not applied").isTrue();
    }

    @Test
    void editingRefusesControlAndInvisibleCharactersAndStoresNothing() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        console.get("/admin/users/" + target.id());
        Page refused = console.post(
                "/admin/users/" + target.id(),
                Map.of(
                        "email",
                        target.email(),
                        "name",
                        "Eve\u202eevil",
                        "gender",
                        "x\r\ny",
                        "phone",
                        "+1 555\u200b0100"));

        assertThat(refused.status()).isEqualTo(400);
        for (String field : List.of("name", "gender", "phone")) {
            assertThat(refused.textOf("#" + field + "-errors"))
                    .as(field)
                    .isEqualTo("Control and invisible characters are not allowed.");
        }
        var stored = userAccounts.findById(target.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("Test User");
        assertThat(stored.gender()).isNull();
        assertThat(stored.phone()).isNull();
    }

    @Test
    void aPlainStaffMemberCannotActOnASuperuser() {
        Account staff = newStaff();
        Account superuser = newSuperuser();
        String superuserToken = tokenOf(superuser);
        logIn(staff);
        Page detail = console.get("/admin/users/" + superuser.id());
        assertThat(detail.document().select("#deactivate, #save, #delete, #end-sessions"))
                .isEmpty();

        Page refused = console.post("/admin/users/" + superuser.id() + "/deactivate", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.textOf("#error")).isEqualTo("Only a superuser may change a superuser account.");
        console.get("/admin/users/" + superuser.id());
        assertThat(console.post("/admin/users/" + superuser.id() + "/sessions/end", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(userAccounts.findById(superuser.id()).orElseThrow().active()).isTrue();
        assertThat(api.get("/api/users/me/", superuserToken).status()).isEqualTo(200);
    }

    @Test
    void aPlainStaffMemberCannotChangeAnotherStaffAccountNorIsOfferedTo() {
        Account staff = newStaff();
        Account colleague = newStaff();
        String colleagueToken = tokenOf(colleague);
        ConsoleClient colleagueConsole = newConsole();
        colleagueConsole.logIn(colleague.email(), colleague.password());
        var before = userAccounts.findById(colleague.id()).orElseThrow();
        logIn(staff);
        String page = "/admin/users/" + colleague.id();

        Page detail = console.get(page);
        assertThat(detail.status()).as("reading stays allowed").isEqualTo(200);
        assertThat(detail.document().select("#deactivate, #save, #delete, #end-sessions"))
                .isEmpty();
        assertThat(detail.textOf("#read-only")).isEqualTo("Only a superuser may change a staff or superuser account.");
        assertThat(detail.document().select("#send-reset"))
                .as("a reset link only goes to the account's own mailbox")
                .hasSize(1);

        Page edited = console.post(page, Map.of("name", "Taken over", "email", uniqueEmail()));
        assertThat(edited.status()).isEqualTo(403);
        assertThat(edited.textOf("#error")).isEqualTo("Only a superuser may change a staff account.");
        console.get(page);
        assertThat(console.post(page + "/deactivate", Map.of()).status()).isEqualTo(403);
        console.get(page);
        assertThat(console.post(page + "/sessions/end", Map.of()).status()).isEqualTo(403);
        assertThat(console.get(page + "/delete").status()).isEqualTo(403);
        console.get(page);
        assertThat(console.post(page + "/delete", Map.of()).status()).isEqualTo(403);

        assertThat(userAccounts.findById(colleague.id())).contains(before);
        assertThat(api.get("/api/users/me/", colleagueToken).status()).isEqualTo(200);
        assertThat(colleagueConsole.get("/admin/").status())
                .as("the colleague's console session lives on")
                .isEqualTo(200);
    }

    @Test
    void aSuperuserManagesStaffAccountsInTheConsole() {
        Account superuser = newSuperuser();
        Account staff = newStaff();
        logIn(superuser);
        String page = "/admin/users/" + staff.id();

        Page detail = console.get(page);
        assertThat(detail.document().select("#deactivate, #save, #delete, #end-sessions"))
                .hasSize(4);
        assertThat(console.post(page, Map.of("name", "Renamed by superuser")).location())
                .endsWith("?done=saved");
        assertThat(userAccounts.findById(staff.id()).orElseThrow().name()).isEqualTo("Renamed by superuser");
    }

    @Test
    void staffCanMailAPasswordResetLink() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        console.get("/admin/users/" + target.id());
        Page sent = console.post("/admin/users/" + target.id() + "/password-reset", Map.of());
        assertThat(sent.location()).endsWith("?done=reset-sent");

        assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
        assertThat(Arrays.stream(greenMail.getReceivedMessages())
                        .map(message -> {
                            try {
                                return message.getAllRecipients()[0].toString();
                            } catch (jakarta.mail.MessagingException unreadable) {
                                throw new IllegalStateException(unreadable);
                            }
                        })
                        .toList())
                .contains(target.email());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> actorsOf(target.id(), "password_reset_requested").contains(staff.id()));
    }

    @Test
    void deletingRemovesTheUserAndIsAudited() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        Page confirm = console.get("/admin/users/" + target.id() + "/delete");
        assertThat(confirm.textOf("h1")).isEqualTo("Delete this user?");
        assertThat(userAccounts.findById(target.id())).isPresent();

        Page deleted = console.post("/admin/users/" + target.id() + "/delete", Map.of());
        assertThat(deleted.location()).endsWith("/admin/users?deleted=" + target.id());
        assertThat(userAccounts.findById(target.id())).isEmpty();
        assertThat(actorsOf(target.id(), "user_deleted")).containsExactly(staff.id());
        assertThat(console.get("/admin/users/" + target.id()).status()).isEqualTo(404);
    }

    @Test
    void theAuditPageFiltersByUserTypeAndDay() {
        Account staff = newStaff();
        Account target = newUser();
        logIn(staff);
        console.get("/admin/users/" + target.id());
        console.post("/admin/users/" + target.id() + "/deactivate", Map.of());
        console.get("/admin/users/" + target.id());
        console.post("/admin/users/" + target.id() + "/activate", Map.of());

        Page events = console.get("/admin/audit?user_id=" + target.id() + "&type=user_updated");
        assertThat(events.document().select("#events tbody tr")).hasSize(2);
        assertThat(events.textOf("#events tbody")).contains("is_active");
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        String yesterday = LocalDate.parse(today).minusDays(1).toString();
        assertThat(console.get("/admin/audit?user_id=" + target.id() + "&since=" + today + "&until=" + today)
                        .textOf("#events tbody"))
                .contains("user_updated");
        assertThat(console.get("/admin/audit?user_id=" + target.id() + "&until=" + yesterday)
                        .textOf("#events tbody"))
                .isEqualTo("No event matches.");
        Page outOfRange = console.get("/admin/audit?until=%2B999999999-12-31");
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.textOf("#message")).startsWith("until: ");
    }

    @Test
    void aLoginOnlyEverLeadsBackIntoTheConsole() {
        Account staff = newStaff();
        console.get("/admin/login?next=https://evil.example/");
        Page loggedIn = console.post(
                "/admin/login",
                Map.of("email", staff.email(), "password", staff.password(), "next", "https://evil.example/"));
        assertThat(loggedIn.location()).endsWith("/admin/");

        ConsoleClient other = newConsole();
        other.get("/admin/login");
        assertThat(other.post(
                                "/admin/login",
                                Map.of("email", staff.email(), "password", staff.password(), "next", "/admin/audit"))
                        .location())
                .endsWith("/admin/audit");
        for (String odd : List.of(
                "//evil.example/admin/", "/admin/{x}", "/admin/../../..//evil.example", "/admin/€", "/admin\\x")) {
            Page redirected = console.get(
                    "/admin/login?next=" + java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(redirected.status()).as(odd).isEqualTo(302);
            assertThat(redirected.location()).as(odd).endsWith("/admin/");
        }
    }

    @Test
    void aMissingUserIsANotFoundPage() {
        logIn(newStaff());
        Page missing = console.get("/admin/users/987654321");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.textOf("h1")).isEqualTo("Not found");
        assertThat(console.get("/admin/users/not-a-number").status()).isEqualTo(404);
        for (String path : List.of("/admin/nothing-here", "/admin/logout", "/admin/users/1/delete/extra")) {
            Page unknown = console.get(path);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.textOf("h1")).as(path).isEqualTo("Not found");
        }
        assertThat(api.get("/assets/console.css", null).header("Content-Type")).startsWith("text/css");
    }

    @Test
    void loggingOutEndsTheSession() {
        Account staff = newStaff();
        logIn(staff);
        String cookie = console.cookie(ConsoleCookie.NAME).orElseThrow();
        console.get("/admin/");
        assertThat(console.post("/admin/logout", Map.of()).location()).endsWith("/admin/login?logged_out");

        var replayed = api.send("GET", "/admin/", Map.of("Cookie", ConsoleCookie.NAME + "=" + cookie), null);
        assertThat(replayed.status()).isEqualTo(302);
        assertThat(actorsOf(staff.id(), "logout")).containsExactly(staff.id());
    }

    private void logIn(Account account) {
        Page loggedIn = console.logIn(account.email(), account.password());
        assertThat(loggedIn.status()).as("console login of %s", account.email()).isEqualTo(302);
    }

    private ConsoleClient newConsole() {
        return new ConsoleClient("http://127.0.0.1:" + port);
    }

    private static List<String> emails(Page list) {
        return list.document()
                .select("#users tbody tr[data-user-id] td:first-child")
                .eachText();
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> auditDetails(long userId, String type) {
        return jdbc.sql("SELECT detail FROM audit_events WHERE user_id = ? AND type = ? ORDER BY id")
                .params(userId, type)
                .query(String.class)
                .list();
    }

    private List<Long> actorsOf(long userId, String type) {
        return jdbc.sql("SELECT actor_id FROM audit_events WHERE user_id = ? AND type = ? ORDER BY id")
                .params(userId, type)
                .query(Long.class)
                .list();
    }

    private long countAudit(String type, LocalDate day) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE type = ? AND at >= ? AND at < ?")
                .params(
                        type,
                        Timestamps.toSql(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamps.toSql(
                                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Long.class)
                .single();
    }
}
