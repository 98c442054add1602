package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Password reset, verification and notices, end to end over HTTP with a real SMTP server. */
abstract class AccountMailTests extends MailTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void resetRequestThenSameAnswerForKnownAndUnknownAddressALinkToTheKnownAndANoticeToTheUnknown() {
        Account account = newUser();
        String unknown = uniqueEmail();

        ApiResponse known = api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        ApiResponse missing = api.postJson("/api/users/password-reset/", null, Map.of("email", unknown));

        assertThat(known.status()).isEqualTo(202);
        assertThat(missing.status()).isEqualTo(202);
        assertThat(missing.body()).isEqualTo(known.body());
        assertThat(missing.allHeaders().keySet()).isEqualTo(known.allHeaders().keySet());
        List<MimeMessage> link = mailsTo(account.email(), 1);
        List<MimeMessage> notice = mailsTo(unknown, 1);
        assertThat(link).hasSize(1);
        assertThat(notice).hasSize(1);
        assertThat(subject(link.get(0))).isEqualTo("Reset your Keyhold password");
        assertThat(subject(notice.get(0))).isEqualTo(subject(link.get(0)));
        assertThat(body(notice.get(0)))
                .contains(unknown, "no active account uses it")
                .doesNotContain("token=");
    }

    @Test
    void resetRequestsForAnUnknownAddressThenThreeNoticesAnHourAtMost() {
        String staffToken = tokenOf(newStaff());
        String local = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        String address = local + "@example.com";
        // One spelling per request (the cap counts the address in any case; a notice names it as sent).
        List<String> spellings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spellings.add(local.substring(0, i) + Character.toUpperCase(local.charAt(i)) + local.substring(i + 1)
                    + "@example.com");
        }
        for (int i = 0; i < 3; i++) {
            resetRequestFrom("quota-agent-" + i, spellings.get(i));
        }
        assertThat(mailsTo(address, 3)).hasSize(3);

        resetRequestFrom("quota-agent-" + local + "-capped", spellings.get(3));
        // Once the capped request's event is written, any mail it made would be on its way.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> auditAgents(staffToken).contains("quota-agent-" + local + "-capped"));
        clock.advance(Duration.ofMinutes(61));
        resetRequestFrom("quota-agent-next-hour", spellings.get(4));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        receivedBy(address).stream().anyMatch(mail -> body(mail).contains(spellings.get(4))));
        assertThat(receivedBy(address)).hasSize(4).noneMatch(mail -> body(mail).contains(spellings.get(3)));
    }

    @Test
    void aUnicodeDomainIsMailedInItsAsciiFormWhateverSpellingWasUsed() {
        String local = "idn-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ApiResponse created = signup(Map.of("email", local + "@bücher.de", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo(local + "@bücher.de");
        String ascii = local + "@xn--bcher-kva.de";

        assertThat(subject(mailsTo(ascii, 1).get(0))).isEqualTo("Confirm your email address");
        api.postJson("/api/users/password-reset/", null, Map.of("email", local + "@BÜCHER.DE"));
        assertThat(mailsTo(ascii, 2)).extracting(MailTest::subject).contains("Reset your Keyhold password");
    }

    @Test
    void aNameWithLineBreaksStoredBeforeTheyWereRefusedCannotAddLinesToAMail() {
        Account account = newUser();
        String forged = "Your account is suspended: sign in at https://evil.example/";
        jdbc.sql("UPDATE users SET name = ? WHERE id = ?")
                .params("Mallory\r\n\r\n" + forged + "\r\n\u001b[2J", account.id())
                .update();

        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        MimeMessage mail = mailsTo(account.email(), 1).get(0);

        String text = plainText(mail);
        assertThat(text.lines()).noneMatch(line -> line.startsWith(forged));
        assertThat(text.lines().findFirst().orElseThrow())
                .isEqualTo("Hello Mallory\ufffd\ufffd\ufffd\ufffd" + forged + "\ufffd\ufffd\ufffd[2J,");
        assertThat(text).doesNotContain("\u001b");
        assertThat(subject(mail)).isEqualTo("Reset your Keyhold password");
    }

    @Test
    void resetConfirmThen204EverySessionEndsAndTheLinkWorksOnce() {
        Account account = newUser();
        String session = tokenOf(account);
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        ApiResponse confirmed = api.postJson(
                "/api/users/password-reset/confirm/", null, Map.of("token", token, "new_password", "Reset-by-mail-77"));

        assertThat(confirmed.status()).isEqualTo(204);
        assertThat(api.get("/api/users/me/", session).status()).isEqualTo(401);
        assertThat(login(account.email(), "Reset-by-mail-77").status()).isEqualTo(200);
        ApiResponse again = api.postJson(
                "/api/users/password-reset/confirm/", null, Map.of("token", token, "new_password", "Another-reset-78"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.fieldErrors("token")).containsExactly("This link is invalid or has expired.");
        assertThat(mailsTo(account.email(), 2))
                .extracting(MailTest::subject)
                .contains("Your Keyhold password was changed");
    }

    @Test
    void resetConfirmWithWeakPasswordThen400AndTheTokenStaysUsable() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        ApiResponse weak = api.postJson(
                "/api/users/password-reset/confirm/", null, Map.of("token", token, "new_password", "12345678"));
        ApiResponse strong = api.postJson(
                "/api/users/password-reset/confirm/", null, Map.of("token", token, "new_password", "Strong-enough-79"));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.fieldErrors("new_password")).contains("This password is too common.");
        assertThat(strong.status()).isEqualTo(204);
    }

    @Test
    void resetTokenExpiresAfterAnHour() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        clock.advance(java.time.Duration.ofMinutes(61));

        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", token, "new_password", "Too-late-now-80"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void newerResetLinkRetiresTheOlderOne() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String older = tokenIn(mailsTo(account.email(), 1).get(0));
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String newer = tokenIn(mailsTo(account.email(), 2).get(1));
        assertThat(newer).isNotEqualTo(older);

        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", older, "new_password", "From-old-link-81"))
                        .status())
                .isEqualTo(400);
        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", newer, "new_password", "From-new-link-82"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void passwordChangeRetiresOutstandingResetLinks() {
        Account account = newUser();
        String session = tokenOf(account);
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        api.postJson(
                "/api/users/me/password/",
                session,
                Map.of("current_password", PASSWORD, "new_password", "Changed-myself-83"));

        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", token, "new_password", "Stale-link-84"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resetPageShowsAFormThatReportsProblemsAndSetsThePassword() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        ApiResponse page = api.get("/reset-password?token=" + token, null);
        api.get("/reset-password?token=" + token, null); // a mail scanner following the link changes nothing
        ApiResponse mismatch = postForm(
                "/reset-password", "token=" + token + "&new_password=Page-chosen-85&new_password_again=Page-chosen-86");
        ApiResponse weak =
                postForm("/reset-password", "token=" + token + "&new_password=password1&new_password_again=password1");
        ApiResponse done = postForm(
                "/reset-password", "token=" + token + "&new_password=Page-chosen-85&new_password_again=Page-chosen-85");
        ApiResponse spent = api.get("/reset-password?token=" + token, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body())
                .contains("<form method=\"post\" action=\"/reset-password\">")
                .contains("name=\"new_password\"")
                .contains("value=\"" + token + "\"");
        assertThat(mismatch.body()).contains("The two passwords didn&#39;t match.");
        assertThat(weak.body()).contains("This password is too common.");
        assertThat(done.body()).contains("Password changed");
        assertThat(spent.body()).contains("This link cannot be used");
        assertThat(login(account.email(), "Page-chosen-85").status()).isEqualTo(200);
    }

    @Test
    void resetPageWithAnEmptyPasswordSaysItIsRequiredAndTheLinkStaysUsable() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        ApiResponse empty = postForm("/reset-password", "token=" + token + "&new_password=&new_password_again=");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("This field is required.").contains("value=\"" + token + "\"");
        assertThat(api.get("/reset-password?token=" + token, null).body()).contains("Choose a new password");
    }

    @Test
    void signupSendsAVerificationLinkWhosePageConfirmsTheAddress() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));
        String token = tokenIn(mailsTo(email, 1).get(0));
        String session = login(email, PASSWORD).text("token");
        assertThat(api.get("/api/users/me/", session)
                        .json()
                        .get("email_verified")
                        .asBoolean())
                .isFalse();

        ApiResponse page = api.get("/verify-email?token=" + token, null);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/verify-email\">");
        assertThat(api.get("/api/users/me/", session)
                        .json()
                        .get("email_verified")
                        .asBoolean())
                .isFalse();
        ApiResponse done = postForm("/verify-email", "token=" + token);

        assertThat(done.body()).contains("Address confirmed");
        assertThat(api.get("/api/users/me/", session)
                        .json()
                        .get("email_verified")
                        .asBoolean())
                .isTrue();
        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", token))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void verifyByApiThen204() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));
        String token = tokenIn(mailsTo(email, 1).get(0));

        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", token))
                        .status())
                .isEqualTo(204);
        assertThat(userAccounts.findByEmail(email).orElseThrow().emailVerified())
                .isTrue();
    }

    @Test
    void emailChangeSendsVerificationToTheNewAddressAndANoticeToTheOldOne() {
        String old = uniqueEmail();
        signup(Map.of("email", old, "password", PASSWORD));
        String session = login(old, PASSWORD).text("token");
        String token = tokenIn(mailsTo(old, 1).get(0));
        api.postJson("/api/users/verify-email/", null, Map.of("token", token));
        String changed = uniqueEmail();

        ApiResponse patched =
                api.patchJson("/api/users/me/", session, Map.of("email", changed, "current_password", PASSWORD));

        assertThat(patched.json().get("email_verified").asBoolean()).isFalse();
        List<MimeMessage> toOld = mailsTo(old, 2);
        assertThat(toOld).extracting(MailTest::subject).contains("Your Keyhold email address was changed");
        assertThat(body(toOld.get(toOld.size() - 1))).contains(changed);
        List<MimeMessage> toNew = mailsTo(changed, 1);
        assertThat(toNew).hasSize(1);
        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", tokenIn(toNew.get(0))))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void resendThen202AndANewLink() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));
        String session = login(email, PASSWORD).text("token");
        String first = tokenIn(mailsTo(email, 1).get(0));

        ApiResponse resent = api.post("/api/users/verify-email/resend/", session);

        assertThat(resent.status()).isEqualTo(202);
        String second = tokenIn(mailsTo(email, 2).get(1));
        assertThat(second).isNotEqualTo(first);
        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", first))
                        .status())
                .isEqualTo(400);
        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", second))
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/users/verify-email/resend/", null).status()).isEqualTo(401);
    }

    @Test
    void resetOfInactiveAccountSendsTheNoticeAndNoLink() {
        Account account = newUser();
        api.patchJson("/api/users/" + account.id() + "/", tokenOf(newStaff()), Map.of("is_active", false));

        assertThat(api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()))
                        .status())
                .isEqualTo(202);

        List<MimeMessage> mails = mailsTo(account.email(), 1);
        assertThat(mails).hasSize(1);
        assertThat(body(mails.get(0))).contains("no active account uses it").doesNotContain("token=");
    }

    @Test
    void resetLinkSentBeforeAnEmailChangeNoLongerWorks() {
        Account account = newUser();
        String session = tokenOf(account);
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        api.patchJson("/api/users/me/", session, Map.of("email", uniqueEmail(), "current_password", PASSWORD));

        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", token, "new_password", "Old-mailbox-87"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resetLinkOfAnAccountDeactivatedSinceNoLongerWorks() {
        Account account = newUser();
        api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
        String token = tokenIn(mailsTo(account.email(), 1).get(0));

        api.patchJson("/api/users/" + account.id() + "/", tokenOf(newStaff()), Map.of("is_active", false));

        assertThat(api.postJson(
                                "/api/users/password-reset/confirm/",
                                null,
                                Map.of("token", token, "new_password", "Deactivated-88"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resetByMailAlsoVerifiesTheAddress() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));
        mailsTo(email, 1);
        api.postJson("/api/users/password-reset/", null, Map.of("email", email));
        String token = tokenIn(mailsTo(email, 2).get(1));

        api.postJson(
                "/api/users/password-reset/confirm/", null, Map.of("token", token, "new_password", "Proven-inbox-89"));

        assertThat(userAccounts.findByEmail(email).orElseThrow().emailVerified())
                .isTrue();
    }

    @Test
    void simultaneousResetRequestsLeaveOneLiveLinkAndAtMostThreeMails() throws Exception {
        Account account = newUser();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var requests = new java.util.ArrayList<java.util.concurrent.Future<ApiResponse>>();
            for (int i = 0; i < 5; i++) {
                requests.add(threads.submit(() -> {
                    start.await();
                    return api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
                }));
            }
            start.countDown();
            for (var request : requests) {
                assertThat(request.get().status()).isEqualTo(202);
            }
        } finally {
            threads.shutdownNow();
        }

        List<MimeMessage> mails = mailsTo(account.email(), 3);

        assertThat(mails).hasSize(3);
        long usable = mails.stream()
                .map(MailTest::tokenIn)
                .filter(token ->
                        api.get("/reset-password?token=" + token, null).body().contains("Choose a new password"))
                .count();
        assertThat(usable).isEqualTo(1);
    }

    private void resetRequestFrom(String userAgent, String email) {
        ApiResponse accepted = api.send(
                "POST",
                "/api/users/password-reset/",
                Map.of("Content-Type", "application/json", "User-Agent", userAgent),
                ("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).isEqualTo(202);
    }

    private List<String> auditAgents(String staffToken) {
        var agents = new ArrayList<String>();
        api.get("/api/audit/?type=password_reset_requested&page_size=100", staffToken)
                .json()
                .get("results")
                .forEach(event -> agents.add(event.get("user_agent").asString()));
        return agents;
    }

    private ApiResponse postForm(String path, String form) {
        return api.send(
                "POST",
                path,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
    }
}
