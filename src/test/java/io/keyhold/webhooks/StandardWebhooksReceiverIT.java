package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyhold.mfa.TotpCodes;
import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.DeployedKeyhold;
import io.keyhold.testing.DeployedKeyhold.Webhook;
import io.keyhold.testing.Installed;
import io.keyhold.testing.KeyholdProcess;
import io.keyhold.testing.NodeWebhookReceiver;
import io.keyhold.testing.NodeWebhookReceiver.Delivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §15 as a receiving application sees it: Keyhold from the built jar posts to the Node
 * receiver, which checks every delivery with the Standard Webhooks reference library
 * ({@code standardwebhooks} on npm). Each event type is caused through the public API, as a user or
 * an operator causes it, and must arrive verified, carrying the account it is about and nothing
 * secret; a delivery the receiver fails is sent again under the same id, and the endpoint's later
 * events wait for it.
 */
@Installed(
        value = {NodeWebhookReceiver.NODE, NodeWebhookReceiver.NPM},
        by = NodeWebhookReceiver.INSTALL)
class StandardWebhooksReceiverIT {

    /** Every event type an endpoint can ask for (webhook.test comes to every endpoint on request). */
    static final List<String> EVENTS = List.of(
            "user.created",
            "user.updated",
            "user.deleted",
            "user.password_changed",
            "user.email_verified",
            "user.locked",
            "session.created",
            "session.ended",
            "mfa.changed");

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
    private static final Pattern TOKEN_IN_LINK = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "Babbage-engine-1842";
    private static final String NEW_PASSWORD = "Difference-engine-1822";
    private static final int LOCKOUT_THRESHOLD = 5;

    @TempDir
    static Path directory;

    private static GreenMail mail;
    private static DeployedKeyhold keyhold;
    private static Api api;

    @BeforeAll
    static void startKeyholdWithMail() {
        int smtpPort = KeyholdProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        keyhold = DeployedKeyhold.start(
                directory,
                // The receivers listen on 127.0.0.1 over plain HTTP.
                "--keyhold.webhooks.allow-private-targets=true",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                // Two live sessions at once, so that a password change has another one to end.
                "--keyhold.sessions.policy=multiple",
                "--keyhold.lockout.threshold=" + LOCKOUT_THRESHOLD);
        api = keyhold.api();
    }

    @AfterAll
    static void stop() {
        if (keyhold != null) {
            keyhold.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void everyEventArrivesVerifiedByTheReferenceLibraryWithItsAccountAndNoSecret() {
        int port = KeyholdProcess.freePort();
        Webhook webhook = keyhold.newWebhook("http://127.0.0.1:" + port + "/", EVENTS);
        assertThat(webhook.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(webhook.secret().substring("whsec_".length())))
                .as("the secret is whsec_ and base64 of 32 bytes")
                .hasSize(32);
        try (NodeWebhookReceiver receiver = NodeWebhookReceiver.start(port, webhook.secret())) {
            List<String> secrets = new ArrayList<>(List.of(
                    PASSWORD, NEW_PASSWORD, webhook.secret(), webhook.secret().substring("whsec_".length())));

            // user.created, and the address confirmed from the mailed link: user.email_verified
            String email = uniqueEmail("ada");
            long id = signUp(email);
            String verification = tokenMailedTo(email);
            secrets.add(verification);
            assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", verification))
                            .status())
                    .isEqualTo(204);

            // session.created twice, user.updated
            String first = login(email, PASSWORD);
            String second = login(email, PASSWORD);
            secrets.addAll(List.of(first, second));
            long firstSession = currentSession(first);
            long secondSession = currentSession(second);
            assertThat(api.patchJson("/api/users/me/", first, Map.of("name", "Ada King"))
                            .status())
                    .isEqualTo(200);

            // user.password_changed, and session.ended for the other session, which it ends
            assertThat(api.postJson(
                                    "/api/users/me/password/",
                                    first,
                                    Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD))
                            .status())
                    .isEqualTo(204);

            // mfa.changed: TOTP on
            ApiResponse totp = api.postJson("/api/users/me/mfa/totp/", first, Map.of("current_password", NEW_PASSWORD));
            assertThat(totp.status()).as(totp.toString()).isEqualTo(200);
            String code = TotpCodes.at(totp.text("secret"), Instant.now());
            ApiResponse confirmed = api.postJson("/api/users/me/mfa/totp/confirm/", first, Map.of("code", code));
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            secrets.add(totp.text("secret"));
            confirmed.json().path("recovery_codes").forEach(recovery -> secrets.add(recovery.asString()));

            // session.ended by logout, then user.deleted by the operator
            keyhold.logout(first);
            assertThat(api.delete("/api/users/" + id + "/", keyhold.superuserToken())
                            .status())
                    .isEqualTo(204);

            // user.locked: wrong passwords up to the threshold on another account
            String lockedEmail = uniqueEmail("locked");
            long lockedId = signUp(lockedEmail);
            for (int attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt++) {
                assertThat(loginStatus(lockedEmail, "Wrong-password-" + attempt))
                        .isEqualTo(401);
            }
            assertThat(loginStatus(lockedEmail, PASSWORD)).as("locked").isEqualTo(429);

            // webhook.test, on request
            assertThat(api.post("/api/webhooks/" + webhook.id() + "/test/", keyhold.superuserToken())
                            .status())
                    .isEqualTo(202);
            secrets.add(keyhold.superuserToken());

            Delivery created = receiver.awaitDelivery("user.created", about("user.created", email), DELIVERED_WITHIN);
            Delivery verified = receiver.awaitDelivery(
                    "user.email_verified", about("user.email_verified", email), DELIVERED_WITHIN);
            Delivery updated = receiver.awaitDelivery(
                    "user.updated",
                    about("user.updated", email).and(delivery -> "Ada King".equals(delivery.dataText("name"))),
                    DELIVERED_WITHIN);
            Delivery passwordChanged = receiver.awaitDelivery(
                    "user.password_changed", about("user.password_changed", email), DELIVERED_WITHIN);
            Delivery mfaChanged = receiver.awaitDelivery("mfa.changed", about("mfa.changed", email), DELIVERED_WITHIN);
            Delivery deleted = receiver.awaitDelivery("user.deleted", about("user.deleted", email), DELIVERED_WITHIN);
            Delivery locked =
                    receiver.awaitDelivery("user.locked", about("user.locked", lockedEmail), DELIVERED_WITHIN);
            Delivery test = receiver.awaitDelivery(
                    "webhook.test", delivery -> "webhook.test".equals(delivery.type()), DELIVERED_WITHIN);
            for (long session : List.of(firstSession, secondSession)) {
                receiver.awaitDelivery(
                        "session.created of session " + session,
                        about("session.created", email).and(of(session)),
                        DELIVERED_WITHIN);
                receiver.awaitDelivery(
                        "session.ended of session " + session,
                        about("session.ended", email).and(of(session)),
                        DELIVERED_WITHIN);
            }
            List<Delivery> received = receiver.received();

            assertThat(received)
                    .as("every delivery passes the reference library's verify() and is answered 204")
                    .allSatisfy(delivery -> {
                        assertThat(delivery.verified()).as(delivery.toString()).isTrue();
                        assertThat(delivery.status()).isEqualTo(204);
                        assertThat(Instant.parse(delivery.timestamp())).isBefore(Instant.now());
                    });
            assertThat(received.stream().map(Delivery::type).distinct())
                    .as("every event type arrived")
                    .containsAll(EVENTS)
                    .contains("webhook.test");
            assertThat(received.stream().map(Delivery::webhookId).distinct())
                    .as("one webhook-id per event: nothing here was retried")
                    .hasSize(received.size());
            for (Delivery delivery : List.of(created, verified, updated, passwordChanged, mfaChanged, deleted)) {
                assertThat(delivery.data().path("id").asLong())
                        .as(delivery.toString())
                        .isEqualTo(id);
            }
            assertThat(locked.data().path("id").asLong()).isEqualTo(lockedId);
            assertThat(verified.data().path("email_verified").asBoolean()).isTrue();
            assertThat(test.webhookId()).isNotBlank();
            assertThat(received)
                    .as("no delivery carries a password, hash, token, code or secret")
                    .allSatisfy(delivery -> {
                        assertThat(delivery.body()).doesNotContain(secrets).doesNotContain("pbkdf2", "argon2");
                        assertThat(delivery.data().has("password")).isFalse();
                    });
            assertThat(received.stream()
                            .filter(delivery -> email.equals(delivery.dataText("email")))
                            .map(Delivery::type))
                    .as("an endpoint's deliveries keep the order of their events")
                    .containsSubsequence(
                            "user.created",
                            "user.email_verified",
                            "session.created",
                            "user.updated",
                            "user.password_changed",
                            "mfa.changed",
                            "session.ended",
                            "user.deleted");
        } finally {
            // The next test's signups are not for this endpoint.
            api.delete("/api/webhooks/" + webhook.id() + "/", keyhold.superuserToken());
        }
    }

    /**
     * The default back-off waits 5 s, then 30 s, then 2 min, so a receiver that fails three times
     * would hold this test for 2.5 minutes of real time: one failure and its first retry show the
     * whole loop (fail, retry under the same id, succeed), and the schedule itself is left to the
     * backend's tests on a movable clock.
     */
    @Test
    void aFailedDeliveryComesAgainUnderTheSameIdAndTheEndpointsLaterEventsWaitForIt() {
        int port = KeyholdProcess.freePort();
        Webhook webhook = keyhold.newWebhook("http://127.0.0.1:" + port + "/", List.of("user.created"));
        try (NodeWebhookReceiver receiver = NodeWebhookReceiver.start(port, webhook.secret(), 1)) {
            String first = uniqueEmail("first");
            String second = uniqueEmail("second");
            signUp(first);
            signUp(second);
            login(first, PASSWORD);

            receiver.awaitDelivery(
                    "user.created of the second signup",
                    about("user.created", second).and(delivery -> delivery.status() == 204),
                    DELIVERED_WITHIN);
            List<Delivery> received = receiver.received().stream()
                    .filter(delivery -> List.of(first, second).contains(delivery.dataText("email")))
                    .toList();

            assertThat(received)
                    .extracting(Delivery::type, delivery -> delivery.dataText("email"), Delivery::status)
                    .as("the first signup failed once and came again before the second; no session events")
                    .containsExactly(
                            tuple("user.created", first, 500),
                            tuple("user.created", first, 204),
                            tuple("user.created", second, 204));
            assertThat(received)
                    .allSatisfy(delivery -> assertThat(delivery.verified())
                            .as(delivery.toString())
                            .isTrue());
            assertThat(received.get(1).webhookId()).isEqualTo(received.get(0).webhookId());
            assertThat(received.get(1).body())
                    .as("the same bytes")
                    .isEqualTo(received.get(0).body());
            assertThat(Long.parseLong(received.get(1).webhookTimestamp()))
                    .as("each attempt is signed at its own time")
                    .isGreaterThanOrEqualTo(Long.parseLong(received.get(0).webhookTimestamp()));
            ApiResponse attempts = api.get("/api/webhooks/" + webhook.id() + "/deliveries/", keyhold.superuserToken());
            assertThat(attempts.status()).isEqualTo(200);
            assertThat(attempts.body())
                    .as("the attempts log names the event that failed")
                    .contains(received.get(0).webhookId());
        } finally {
            // The next test's signups are not for this endpoint.
            api.delete("/api/webhooks/" + webhook.id() + "/", keyhold.superuserToken());
        }
    }

    private static Predicate<Delivery> about(String type, String email) {
        return delivery -> type.equals(delivery.type()) && email.equals(delivery.dataText("email"));
    }

    /** A session event of that session: its {@code data} is the user's, with {@code session.id} beside. */
    private static Predicate<Delivery> of(long session) {
        return delivery -> delivery.data().path("session").path("id").asLong() == session;
    }

    private static String uniqueEmail(String who) {
        return who + "-" + System.nanoTime() + "@example.com";
    }

    private static long signUp(String email) {
        ApiResponse created =
                api.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private static String login(String email, String password) {
        ApiResponse login = api.postJson("/api/users/login/", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("token");
    }

    private static int loginStatus(String email, String password) {
        return api.postJson("/api/users/login/", null, Map.of("email", email, "password", password))
                .status();
    }

    /** The id of the session {@code token} belongs to, from {@code GET /api/users/me/sessions/}. */
    private static long currentSession(String token) {
        ApiResponse sessions = api.get("/api/users/me/sessions/", token);
        assertThat(sessions.status()).isEqualTo(200);
        for (JsonNode session : sessions.json()) {
            if (session.path("current").asBoolean()) {
                return session.path("id").asLong();
            }
        }
        throw new AssertionError("no current session in " + sessions);
    }

    /** The token of the verification link mailed to {@code email}, waiting for the mail (20 s at most). */
    private static String tokenMailedTo(String email) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (recipients(message).contains(email)) {
                    Matcher link = TOKEN_IN_LINK.matcher(GreenMailUtil.getBody(message));
                    if (link.find()) {
                        return link.group(1);
                    }
                }
            }
            long left = deadline - System.currentTimeMillis();
            assertThat(left > 0 && mail.waitForIncomingEmail(left, mail.getReceivedMessages().length + 1))
                    .as("a verification mail to %s", email)
                    .isTrue();
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
