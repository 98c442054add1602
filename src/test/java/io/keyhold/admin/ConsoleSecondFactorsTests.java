package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.mfa.Passkeys;
import io.keyhold.mfa.TotpCodes;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import io.keyhold.testing.ConsoleClient.Page;
import io.keyhold.testing.SoftwareAuthenticator;
import io.keyhold.users.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second factors in the console over plain HTTP (SPEC §13): the code and passkey steps of a login,
 * a staff member's own factors, staff removing a user's, and which pages may run the console's
 * script. Passkeys are answered by a software authenticator at the origin of {@code
 * keyhold.public-url}, as a browser there would answer them.
 */
abstract class ConsoleSecondFactorsTests extends ApiTest {

    private static final String RP_ID = "localhost";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Passkeys passkeys;

    private ConsoleClient console;

    @BeforeEach
    void openConsole() {
        console = new ConsoleClient("http://127.0.0.1:" + port);
    }

    // The login's second page

    @Test
    void staffWithAnAuthenticatorAppGiveItsCodeOnASecondPage() {
        Account staff = newStaff();
        EnrolledTotp enrolled = enrolTotp(staff);

        Page second = console.logIn(staff.email(), PASSWORD);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.document().select("#code-form, #recovery-form")).hasSize(2);
        assertThat(second.document().select("#passkey-form"))
                .as("no passkey to use")
                .isEmpty();
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
        String mfaToken = mfaTokenOn(second);

        Page wrong =
                console.post("/admin/login/mfa", Map.of("mfa_token", mfaToken, "code", enrolled.wrongCodeAt(clock)));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.textOf("#login-error")).isEqualTo("Invalid code");
        assertThat(mfaTokenOn(wrong)).isEqualTo(mfaToken);

        Page entered = console.post("/admin/login/mfa", Map.of("mfa_token", mfaToken, "code", enrolled.codeAt(clock)));
        assertThat(entered.status()).isEqualTo(302);
        assertThat(entered.location()).endsWith("/admin/");
        assertThat(console.get("/admin/").status()).isEqualTo(200);
        assertThat(auditDetails(staff.id(), "login_succeeded")).contains("admin console, totp");
    }

    @Test
    void aLoginWhoseTriesRanOutGoesBackToThePassword() {
        Account staff = newStaff();
        EnrolledTotp enrolled = enrolTotp(staff);
        String mfaToken = mfaTokenOn(console.logIn(staff.email(), PASSWORD));
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(console.post(
                                    "/admin/login/mfa",
                                    Map.of("mfa_token", mfaToken, "code", enrolled.wrongCodeAt(clock)))
                            .textOf("#login-error"))
                    .isEqualTo("Invalid code");
        }

        Page last =
                console.post("/admin/login/mfa", Map.of("mfa_token", mfaToken, "code", enrolled.wrongCodeAt(clock)));
        assertThat(last.status()).isEqualTo(401);
        assertThat(last.textOf("#login-error")).isEqualTo("Login expired, start again");
        assertThat(last.document().select("#password")).hasSize(1);
        assertThat(console.post("/admin/login/mfa", Map.of("mfa_token", mfaToken, "code", enrolled.codeAt(clock)))
                        .status())
                .isEqualTo(401);
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
    }

    // A staff member's own factors

    @Test
    void staffTurnOnAnAuthenticatorAppAndAreShownTheirRecoveryCodesOnce() {
        Account staff = newStaff();
        String apiToken = tokenOf(staff);
        logIn(staff);
        assertThat(console.get("/admin/account/mfa").textOf("#totp-status")).startsWith("off");

        Page refused = console.post("/admin/account/mfa/totp", Map.of("current_password", "not my password"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.textOf("#error")).isEqualTo("Your current password was entered incorrectly.");
        assertThat(refused.document().selectFirst("#totp-password").attr("aria-invalid"))
                .isEqualTo("true");

        Page begun = console.post("/admin/account/mfa/totp", Map.of("current_password", PASSWORD));
        String secret = begun.textOf("#totp-secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        String qrCode = begun.document().selectFirst("#totp-qr").attr("src");
        assertThat(qrCode).startsWith("data:image/svg+xml;base64,");
        assertThat(new String(
                        Base64.getDecoder().decode(qrCode.substring(qrCode.indexOf(',') + 1)), StandardCharsets.UTF_8))
                .startsWith("<svg")
                .doesNotContain("<script");

        Page wrong = console.post(
                "/admin/account/mfa/totp/confirm",
                Map.of("code", TotpCodes.at(secret, clock.instant().plus(Duration.ofHours(1)))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.textOf("#error")).isEqualTo("Invalid code");
        assertThat(wrong.document().select("#totp-secret, #totp-qr"))
                .as("the key is shown once")
                .isEmpty();

        String code = TotpCodes.at(secret, clock.instant());
        Page codes = console.post(
                "/admin/account/mfa/totp/confirm", Map.of("code", code.substring(0, 3) + " " + code.substring(3)));
        assertThat(codes.status()).isEqualTo(200);
        List<String> recoveryCodes =
                codes.document().select("#recovery-codes li").eachText();
        assertThat(recoveryCodes).hasSize(10).allMatch(each -> each.matches("[a-z2-9]{10}"));

        Page overview = console.get("/admin/account/mfa");
        assertThat(overview.status()).as("the console session goes on").isEqualTo(200);
        assertThat(overview.textOf("#totp-status")).startsWith("on since");
        assertThat(overview.textOf("#codes-left")).startsWith("10 left");
        assertThat(overview.body()).doesNotContain(recoveryCodes.get(0), secret);
        assertThat(api.get("/api/users/me/", apiToken).status())
                .as("the other sessions end")
                .isEqualTo(401);
    }

    @Test
    void staffMakeNewRecoveryCodesAndTurnTheirAppOff() {
        Account staff = newStaff();
        EnrolledTotp enrolled = enrolTotp(staff);
        logInWithCode(staff, enrolled);
        console.get("/admin/account/mfa");
        Page refused = console.post("/admin/account/mfa/recovery-codes", Map.of("current_password", "wrong"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.textOf("#error")).isEqualTo("Your current password was entered incorrectly.");
        List<String> fresh = console.post("/admin/account/mfa/recovery-codes", Map.of("current_password", PASSWORD))
                .document()
                .select("#recovery-codes li")
                .eachText();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());

        console.get("/admin/account/mfa");
        Page oldCode = console.post(
                "/admin/account/mfa/totp/disable",
                Map.of(
                        "current_password",
                        PASSWORD,
                        "code",
                        enrolled.recoveryCodes().get(0)));
        assertThat(oldCode.status()).isEqualTo(400);
        assertThat(oldCode.textOf("#error")).isEqualTo("Invalid code");

        Page off = console.post(
                "/admin/account/mfa/totp/disable", Map.of("current_password", PASSWORD, "code", fresh.get(0)));
        assertThat(off.status()).isEqualTo(302);
        Page overview = console.get("/admin/account/mfa?done=totp-off");
        assertThat(overview.textOf("#notice")).startsWith("The authenticator app is off");
        assertThat(overview.textOf("#totp-status")).startsWith("off");
        assertThat(overview.textOf("#codes-left")).startsWith("0 left");
        assertThat(login(staff.email(), PASSWORD).status()).isEqualTo(200);
    }

    // Passkeys

    @Test
    void staffAddAPasskeyThenLogInWithItAloneOrAfterTheirPassword() {
        Account staff = newStaff();
        logIn(staff);
        console.get("/admin/account/mfa");
        JsonNode creation =
                json(console.post("/admin/account/mfa/passkeys/options", Map.of("current_password", PASSWORD)));
        var authenticator = new SoftwareAuthenticator();
        Page added = console.post(
                "/admin/account/mfa/passkeys",
                Map.of(
                        "flow_id", creation.get("flow_id").asString(),
                        "credential", authenticator.create(creation.get("publicKey"), PUBLIC_URL, RP_ID),
                        "name", "Work laptop"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.textOf("#notice")).isEqualTo("The passkey was added.");
        assertThat(added.document().select("#recovery-codes li"))
                .as("the first factor brings codes")
                .hasSize(10);
        assertThat(console.get("/admin/account/mfa").textOf("#passkeys tbody")).contains("Work laptop", "never");
        console.post("/admin/logout", Map.of());

        console.get("/admin/login");
        JsonNode passwordless = json(console.post("/admin/login/passkey/options", Map.of()));
        assertThat(passwordless.get("publicKey").get("userVerification").asString())
                .isEqualTo("required");
        Page alone = console.post(
                "/admin/login/passkey",
                Map.of(
                        "flow_id", passwordless.get("flow_id").asString(),
                        "credential", authenticator.get(passwordless.get("publicKey"), PUBLIC_URL, RP_ID),
                        "next", "/admin/users"));
        assertThat(alone.status()).isEqualTo(302);
        assertThat(alone.location()).endsWith("/admin/users");
        assertThat(console.get("/admin/users").status()).isEqualTo(200);
        console.post("/admin/logout", Map.of());

        Page second = console.logIn(staff.email(), PASSWORD);
        assertThat(second.document().select("#passkey-form")).hasSize(1);
        assertThat(second.document().select("#code-form"))
                .as("no authenticator app")
                .isEmpty();
        String mfaToken = mfaTokenOn(second);
        JsonNode request = json(console.post("/admin/login/mfa/passkey/options", Map.of("mfa_token", mfaToken)));
        assertThat(request.has("flow_id")).isFalse();
        assertThat(request.get("publicKey")
                        .get("allowCredentials")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(authenticator.credentialId());
        Page entered = console.post(
                "/admin/login/mfa",
                Map.of(
                        "mfa_token",
                        mfaToken,
                        "credential",
                        authenticator.get(request.get("publicKey"), PUBLIC_URL, RP_ID)));
        assertThat(entered.status()).isEqualTo(302);
        assertThat(console.get("/admin/").status()).isEqualTo(200);
        assertThat(auditDetails(staff.id(), "login_succeeded")).contains("passkey", "admin console, webauthn");
    }

    @Test
    void aPasskeyOfSomeoneWhoIsNotStaffOpensNoConsoleSession() {
        Account user = newUser();
        String token = tokenOf(user);
        var authenticator = new SoftwareAuthenticator();
        User stored = userAccounts.findById(user.id()).orElseThrow();
        Passkeys.Ceremony creation = passkeys.registrationOptions(stored);
        passkeys.register(
                stored, creation.flowId(), authenticator.create(creation.publicKey(), PUBLIC_URL, RP_ID), "Phone");

        console.get("/admin/login");
        JsonNode passwordless = json(console.post("/admin/login/passkey/options", Map.of()));
        Page refused = console.post(
                "/admin/login/passkey",
                Map.of(
                        "flow_id", passwordless.get("flow_id").asString(),
                        "credential", authenticator.get(passwordless.get("publicKey"), PUBLIC_URL, RP_ID)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.textOf("h1")).isEqualTo("Staff only");
        assertThat(console.cookie(ConsoleCookie.NAME)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sessions WHERE user_id = ?")
                        .param(user.id())
                        .query(Long.class)
                        .single())
                .as("only the API session")
                .isEqualTo(1);
    }

    @Test
    void passkeyOptionsSayWhyNotInASentenceTheScriptShows() {
        console.get("/admin/login");
        Page expired = console.post("/admin/login/mfa/passkey/options", Map.of("mfa_token", "x".repeat(43)));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(json(expired).get("error").asString()).isEqualTo("Login expired, start again");

        Page unreadable = console.post("/admin/login/passkey", Map.of("flow_id", "nope", "credential", "{}"));
        assertThat(unreadable.status()).isEqualTo(401);
        assertThat(unreadable.textOf("#login-error")).isEqualTo("Invalid passkey");

        logIn(newStaff());
        console.get("/admin/account/mfa");
        Page wrongPassword = console.post("/admin/account/mfa/passkeys/options", Map.of("current_password", "not it"));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(json(wrongPassword).get("error").asString())
                .isEqualTo("Your current password was entered incorrectly.");
        assertThat(console.postWithout("/admin/account/mfa/passkeys/options", Map.of("current_password", PASSWORD))
                        .status())
                .as("no options without the CSRF token")
                .isEqualTo(403);
    }

    // Staff and a user's factors

    @Test
    void staffSeeAUsersSecondFactorsAndRemoveThem() {
        Account user = newUser();
        EnrolledTotp enrolled = enrolTotp(user);
        Account staff = newStaff();
        logIn(staff);

        Page page = console.get("/admin/users/" + user.id());
        assertThat(page.textOf("#factor-totp")).startsWith("on since");
        assertThat(page.textOf("#factor-recovery-codes")).isEqualTo("10 left");
        assertThat(page.textOf("#factor-passkey-count")).isEqualTo("0");
        Page removed = console.post("/admin/users/" + user.id() + "/mfa/remove", Map.of());
        assertThat(removed.status()).isEqualTo(302);

        Page after = console.get("/admin/users/" + user.id() + "?done=factors-removed");
        assertThat(after.textOf("#notice")).startsWith("Every second factor of this account was removed");
        assertThat(after.textOf("#factor-totp")).isEqualTo("off");
        assertThat(after.document().select("#remove-factors")).isEmpty();
        assertThat(api.get("/api/users/me/", enrolled.token()).status()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor_id FROM audit_events WHERE user_id = ? AND type = 'mfa_disabled'")
                        .param(user.id())
                        .query(Long.class)
                        .list())
                .containsExactly(staff.id());
    }

    @Test
    void onlyASuperuserRemovesAStaffMembersFactors() {
        Account other = newStaff();
        enrolTotp(other);
        logIn(newStaff());

        Page page = console.get("/admin/users/" + other.id());
        assertThat(page.textOf("#factor-totp")).startsWith("on since");
        assertThat(page.document().select("#remove-factors")).isEmpty();
        Page refused = console.post("/admin/users/" + other.id() + "/mfa/remove", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.textOf("#error")).isEqualTo("Only a superuser may change a staff account.");
        assertThat(login(other.email(), PASSWORD).status())
                .as("still asks for a code")
                .isEqualTo(401);

        console = new ConsoleClient("http://127.0.0.1:" + port);
        logIn(newSuperuser());
        assertThat(console.get("/admin/users/" + other.id()).document().select("#remove-factors"))
                .hasSize(1);
    }

    // The Content-Security-Policy of each page

    @Test
    void onlyThePagesWithAPasskeyCeremonyMayRunTheConsolesOwnScript() {
        Account staff = newStaff();
        logIn(staff);
        Map<String, String> cookie = Map.of(
                "Cookie",
                ConsoleCookie.NAME + "=" + console.cookie(ConsoleCookie.NAME).orElseThrow());

        for (ApiResponse page :
                List.of(api.get("/admin/login", null), api.send("GET", "/admin/account/mfa", cookie, null))) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy"))
                    .startsWith("default-src 'none'; ")
                    .contains("script-src 'self';", "connect-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
        assertThat(api.send("GET", "/admin/account/mfa", cookie, null).header("Content-Security-Policy"))
                .contains("img-src 'self' data:;");
        for (String path :
                List.of("/admin/", "/admin/users", "/admin/users/" + staff.id(), "/admin/audit", "/admin/accounts")) {
            assertThat(api.send("GET", path, cookie, null).header("Content-Security-Policy"))
                    .as(path)
                    .startsWith("default-src 'none'; ")
                    .doesNotContain("script-src", "connect-src", "data:");
        }
        ApiResponse script = api.get("/assets/passkeys.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
    }

    private EnrolledTotp enrolTotp(Account account) {
        return EnrolledTotp.of(api, tokenOf(account), PASSWORD, clock);
    }

    private void logIn(Account account) {
        assertThat(console.logIn(account.email(), account.password()).status())
                .as("console login of %s", account.email())
                .isEqualTo(302);
    }

    private void logInWithCode(Account account, EnrolledTotp enrolled) {
        String mfaToken = mfaTokenOn(console.logIn(account.email(), account.password()));
        assertThat(console.post("/admin/login/mfa", Map.of("mfa_token", mfaToken, "code", enrolled.codeAt(clock)))
                        .status())
                .isEqualTo(302);
    }

    private static String mfaTokenOn(Page page) {
        return page.document().selectFirst("input[name=mfa_token]").attr("value");
    }

    private static JsonNode json(Page page) {
        return JSON.readTree(page.body());
    }

    private List<String> auditDetails(long userId, String type) {
        return jdbc.sql("SELECT detail FROM audit_events WHERE user_id = ? AND type = ? ORDER BY id")
                .params(userId, type)
                .query(String.class)
                .list();
    }
}
