package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.keyhold.auth.LoginEvents;
import io.keyhold.mfa.TotpCodes;
import io.keyhold.sessions.SessionChannel;
import io.keyhold.sessions.SessionEvents;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.users.UserService;
import io.keyhold.webhooks.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries (SPEC §15) as an application receives them: every event type with the user it is
 * about and no secret, signed so that the specification's verification accepts it, at least once
 * and in order per endpoint through failures, back-off measured on the movable clock, and never
 * for a change that rolled back.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class WebhookDeliveryTests extends ApiTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final List<String> USER_FIELDS = List.of(
            "id",
            "email",
            "name",
            "phone",
            "gender",
            "is_active",
            "is_staff",
            "is_superuser",
            "email_verified",
            "last_login",
            "created_at",
            "updated_at");
    private static final Pattern VERIFICATION_TOKEN = Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]{43})");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private UserService users;

    @Autowired
    private ApplicationEventPublisher publisher;

    private WebhookReceiver receiver;
    private String superuser;

    private record Endpoint(long id, String secret, String path) {}

    @BeforeEach
    void startReceiver() {
        WebhookFixtures.forgetEndpoints(jdbc);
        receiver = new WebhookReceiver();
        superuser = tokenOf(newSuperuser());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        WebhookFixtures.forgetEndpoints(jdbc);
    }

    private Endpoint subscribe(String path, String... events) {
        ApiResponse created =
                api.postJson("/api/webhooks/", superuser, Map.of("url", receiver.url(path), "events", List.of(events)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Endpoint(created.id(), created.text("secret"), path);
    }

    private List<Received> awaitReceived(Endpoint endpoint, int count) {
        await().atMost(DELIVERY)
                .untilAsserted(
                        () -> assertThat(receiver.receivedAt(endpoint.path())).hasSizeGreaterThanOrEqualTo(count));
        return receiver.receivedAt(endpoint.path());
    }

    /** The endpoint's attempts, newest first, once there are {@code count}. */
    private JsonNode awaitAttempts(Endpoint endpoint, int count) {
        await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(attempts(endpoint)).hasSizeGreaterThanOrEqualTo(count));
        return attempts(endpoint);
    }

    private JsonNode attempts(Endpoint endpoint) {
        ApiResponse answer = api.get("/api/webhooks/" + endpoint.id() + "/deliveries/", superuser);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private void rename(long userId, String name) {
        ApiResponse renamed = api.patchJson("/api/users/" + userId + "/", superuser, Map.of("name", name));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    }

    private String passwordHashOf(long userId) {
        return jdbc.sql("SELECT password FROM users WHERE id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    @Test
    void everyEventTypeArrivesSignedWithTheUserAndNoSecret(CapturedOutput output) {
        Endpoint all = subscribe(
                "/all",
                WebhookEventType.subscribable().stream()
                        .map(WebhookEventType::code)
                        .toArray(String[]::new));
        Endpoint created = subscribe("/created", "user.created");
        String email = uniqueEmail();
        List<String> secrets = new ArrayList<>();

        ApiResponse signedUp = signup(Map.of("email", email, "password", PASSWORD));
        long id = signedUp.id();
        secrets.add(passwordHashOf(id));
        String first = login(email, PASSWORD).text("token");
        long firstSession = api.get("/api/users/me/sessions/", first)
                .json()
                .get(0)
                .path("id")
                .asLong();
        assertThat(api.patchJson("/api/users/me/", first, Map.of("name", "Ada Lovelace"))
                        .status())
                .isEqualTo(200);
        await().atMost(DELIVERY)
                .until(() -> VERIFICATION_TOKEN.matcher(output.getOut()).find());
        Matcher link = VERIFICATION_TOKEN.matcher(output.getOut());
        assertThat(link.find()).isTrue();
        String verification = link.group(1);
        assertThat(api.postJson("/api/users/verify-email/", null, Map.of("token", verification))
                        .status())
                .isEqualTo(204);
        String secondPassword = "Second-webhook-pass-2";
        assertThat(api.postJson(
                                "/api/users/me/password/",
                                first,
                                Map.of("current_password", PASSWORD, "new_password", secondPassword))
                        .status())
                .isEqualTo(204);
        secrets.add(passwordHashOf(id));
        assertThat(api.post("/api/users/logout/", first).status()).isEqualTo(200);
        String second = login(email, secondPassword).text("token");
        long secondSession = api.get("/api/users/me/sessions/", second)
                .json()
                .get(0)
                .path("id")
                .asLong();
        String totpSecret = api.postJson("/api/users/me/mfa/totp/", second, Map.of("current_password", secondPassword))
                .text("secret");
        ApiResponse confirmed = api.postJson(
                "/api/users/me/mfa/totp/confirm/", second, Map.of("code", TotpCodes.at(totpSecret, clock.instant())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        confirmed.json().get("recovery_codes").forEach(code -> secrets.add(code.asString()));
        String thirdPassword = "Third-webhook-pass-3";
        assertThat(api.patchJson("/api/users/" + id + "/", superuser, Map.of("password", thirdPassword))
                        .status())
                .isEqualTo(200);
        secrets.add(passwordHashOf(id));
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(login(email, "Wrong-password-" + attempt).status()).isEqualTo(401);
        }
        assertThat(api.delete("/api/users/" + id + "/", superuser).status()).isEqualTo(204);
        secrets.addAll(List.of(PASSWORD, secondPassword, thirdPassword, first, second, verification, totpSecret));

        List<Received> received = awaitReceived(all, 12);
        assertThat(received)
                .extracting(Received::type)
                .containsExactlyInAnyOrder(
                        "user.created",
                        "session.created",
                        "user.updated",
                        "user.email_verified",
                        "user.password_changed",
                        "session.ended",
                        "session.created",
                        "mfa.changed",
                        "user.password_changed",
                        "session.ended",
                        "user.locked",
                        "user.deleted");
        assertThat(received).extracting(Received::id).doesNotHaveDuplicates();
        for (Received event : received) {
            assertThat(WebhookReceiver.verify(all.secret(), event, clock.instant()))
                    .as(event.body())
                    .isTrue();
            assertThat(event.header("content-type")).isEqualTo("application/json");
            JsonNode body = event.json();
            assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
            assertThat(Instant.parse(body.path("timestamp").asString())).isBefore(clock.instant());
            JsonNode data = body.path("data");
            assertThat(data.path("id").asLong()).isEqualTo(id);
            assertThat(data.path("email").asString()).isEqualTo(email);
            assertThat(data.propertyNames()).containsAll(USER_FIELDS);
            assertThat(event.body()).as(event.type()).doesNotContain(secrets).doesNotContain("password\"");
        }
        assertThat(only(received, "user.updated").path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(only(received, "user.email_verified").path("email_verified").asBoolean())
                .isTrue();
        assertThat(of(received, "session.created"))
                .extracting(data -> data.path("session").toString())
                .containsExactly(
                        "{\"id\":" + firstSession + ",\"channel\":\"api\"}",
                        "{\"id\":" + secondSession + ",\"channel\":\"api\"}");
        assertThat(of(received, "session.ended"))
                .extracting(data -> data.path("session").toString())
                .containsExactlyInAnyOrder(
                        "{\"id\":" + firstSession + ",\"channel\":\"api\",\"reason\":\"logout\"}",
                        "{\"id\":" + secondSession + ",\"channel\":\"api\",\"reason\":\"password_changed\"}");
        assertThat(only(received, "mfa.changed").path("mfa").toString())
                .isEqualTo("{\"change\":\"totp_enabled\",\"methods\":[\"totp\",\"recovery_code\"]}");
        assertThat(Instant.parse(
                        only(received, "user.locked").path("lock").path("until").asString()))
                .isAfter(clock.instant());
        assertThat(only(received, "user.deleted").path("name").asString()).isEqualTo("Ada Lovelace");

        Received createdElsewhere = awaitReceived(created, 1).get(0);
        assertThat(createdElsewhere.type()).isEqualTo("user.created");
        assertThat(WebhookReceiver.verify(created.secret(), createdElsewhere, clock.instant()))
                .isTrue();
        assertThat(WebhookReceiver.verify(all.secret(), createdElsewhere, clock.instant()))
                .as("each endpoint has a secret of its own")
                .isFalse();
        assertThat(createdElsewhere.id())
                .as("one event, one webhook-id, whichever endpoint receives it")
                .isEqualTo(received.stream()
                        .filter(event -> event.type().equals("user.created"))
                        .findFirst()
                        .orElseThrow()
                        .id());
    }

    private static JsonNode only(List<Received> received, String type) {
        List<JsonNode> data = of(received, type);
        assertThat(data).as(type).hasSize(1);
        return data.get(0);
    }

    private static List<JsonNode> of(List<Received> received, String type) {
        return received.stream()
                .filter(event -> event.type().equals(type))
                .map(event -> event.json().path("data"))
                .toList();
    }

    @Test
    void aPasswordChangeComesBeforeTheSessionsItEnds() {
        Endpoint endpoint = subscribe("/password", "session.ended", "user.password_changed");
        var user = newUser();
        tokenOf(user);

        assertThat(api.patchJson("/api/users/" + user.id() + "/", superuser, Map.of("password", "Changed-webhook-4"))
                        .status())
                .isEqualTo(200);

        assertThat(awaitReceived(endpoint, 2))
                .extracting(Received::type)
                .containsExactly("user.password_changed", "session.ended");
    }

    @Test
    void eventsNoEndpointReceivesAreNotQueued() {
        subscribe("/deleted-only", "user.deleted");
        var user = newUser();

        tokenOf(user);
        rename(user.id(), "Nobody listens");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void failuresAreRetriedAfterTheirPausesOnTheClockAndLaterEventsWaitTheirTurn() {
        Endpoint endpoint = subscribe("/flaky", "user.updated");
        receiver.answer(500, 3);
        var user = newUser();

        rename(user.id(), "First");
        rename(user.id(), "Second");
        rename(user.id(), "Third");
        List<Duration> pauses = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));
        for (int failure = 1; failure <= pauses.size(); failure++) {
            JsonNode latest = awaitAttempts(endpoint, failure).get(0);
            assertThat(latest.path("attempt").asInt()).isEqualTo(failure);
            assertThat(latest.path("status_code").asInt()).isEqualTo(500);
            assertThat(Duration.between(
                            Instant.parse(latest.path("at").asString()),
                            Instant.parse(latest.path("next_attempt_at").asString())))
                    .as("the pause runs from the end of the attempt, which began at `at`")
                    .isGreaterThanOrEqualTo(pauses.get(failure - 1));
            clock.advance(pauses.get(failure - 1));
        }

        List<Received> received = awaitReceived(endpoint, 6);
        assertThat(received)
                .extracting(event -> event.json().path("data").path("name").asString())
                .containsExactly("First", "First", "First", "First", "Second", "Third");
        List<Received> firstEvent = received.subList(0, 4);
        assertThat(firstEvent)
                .extracting(Received::id)
                .containsOnly(firstEvent.get(0).id());
        for (int retry = 1; retry < 4; retry++) {
            assertThat(firstEvent.get(retry).timestamp()
                            - firstEvent.get(retry - 1).timestamp())
                    .as("attempt %d came no sooner than its pause on the clock", retry + 1)
                    .isGreaterThanOrEqualTo(pauses.get(retry - 1).toSeconds());
        }
        assertThat(received)
                .allSatisfy(event -> assertThat(WebhookReceiver.verify(endpoint.secret(), event, clock.instant()))
                        .isTrue());
        JsonNode attempts = awaitAttempts(endpoint, 6);
        List<JsonNode> oldestFirst = new ArrayList<>();
        attempts.forEach(attempt -> oldestFirst.add(0, attempt));
        assertThat(oldestFirst)
                .extracting(attempt -> attempt.path("status_code").asInt())
                .containsExactly(500, 500, 500, 200, 200, 200);
        for (int retry = 1; retry < 4; retry++) {
            assertThat(Instant.parse(oldestFirst.get(retry).path("at").asString()))
                    .isAfterOrEqualTo(Instant.parse(
                            oldestFirst.get(retry - 1).path("next_attempt_at").asString()));
        }
        assertThat(oldestFirst.get(3).get("next_attempt_at").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries")
                        .query(Long.class)
                        .single())
                .as("delivered rows leave the outbox")
                .isZero();
    }

    @Test
    void aDeliveryWhoseNextRetryWouldComeAfter24HoursIsGivenUp() {
        Endpoint endpoint = subscribe("/down", "user.updated");
        receiver.answer(503, 2);
        double gaveUpBefore = counted("gave_up");

        rename(newUser().id(), "Never delivered");
        awaitAttempts(endpoint, 1);
        // The 5 s retry is still within the 24 hours; the 30 s one after it would not be.
        clock.advance(Duration.ofHours(24).minusSeconds(10));

        JsonNode last = awaitAttempts(endpoint, 2).get(0);
        assertThat(last.path("attempt").asInt()).isEqualTo(2);
        assertThat(last.path("status_code").asInt()).isEqualTo(503);
        assertThat(last.path("error").asString()).isEqualTo("Gave up: no 2xx answer within 24 hours");
        assertThat(last.get("next_attempt_at").isNull()).isTrue();
        assertThat(receiver.receivedAt(endpoint.path())).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(counted("gave_up")).isEqualTo(gaveUpBefore + 1);
    }

    @Test
    void eventsWhose24HoursPassWhileTheEndpointIsDownAreGivenUpUnsentAndLaterOnesArrivePromptly() {
        Endpoint endpoint = subscribe("/long-down", "user.updated");
        receiver.answer(503, 1);
        double gaveUpBefore = counted("gave_up");
        var user = newUser();
        rename(user.id(), "First");
        rename(user.id(), "Second");
        rename(user.id(), "Third");
        awaitAttempts(endpoint, 1);

        clock.advance(Duration.ofHours(25));

        JsonNode attempts = awaitAttempts(endpoint, 4);
        List<JsonNode> oldestFirst = new ArrayList<>();
        attempts.forEach(attempt -> oldestFirst.add(0, attempt));
        assertThat(oldestFirst).hasSize(4);
        assertThat(oldestFirst.get(0).path("status_code").asInt()).isEqualTo(503);
        assertThat(oldestFirst.subList(1, 4)).allSatisfy(gaveUp -> {
            assertThat(gaveUp.path("error").asString())
                    .isEqualTo("Gave up: no 2xx answer within 24 hours; not sent, it waited behind earlier events");
            assertThat(gaveUp.get("status_code").isNull()).isTrue();
            assertThat(gaveUp.get("next_attempt_at").isNull()).isTrue();
        });
        assertThat(oldestFirst.subList(1, 4))
                .extracting(gaveUp -> gaveUp.path("event_id").asString())
                .as("given up in the order of the events, the first one first")
                .startsWith(oldestFirst.get(0).path("event_id").asString())
                .doesNotHaveDuplicates();
        assertThat(queuedFor(endpoint)).isZero();
        assertThat(counted("gave_up")).isEqualTo(gaveUpBefore + 3);
        assertThat(receiver.receivedAt(endpoint.path()))
                .as("nothing is sent late")
                .hasSize(1);

        rename(user.id(), "After the outage");

        List<Received> received = awaitReceived(endpoint, 2);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).json().path("data").path("name").asString()).isEqualTo("After the outage");
    }

    @Test
    void aSigningSecretThatCannotBeReadIsARecordedFailedAttemptRetriedOnSchedule() {
        Endpoint endpoint = subscribe("/unreadable", "user.updated");
        jdbc.sql("UPDATE webhook_endpoints SET secret_ciphertext = 'not base64 at all!' WHERE id = ?")
                .param(endpoint.id())
                .update();
        double failed = counted("failed");

        rename(newUser().id(), "Unsigned");

        JsonNode first = awaitAttempts(endpoint, 1).get(0);
        assertThat(first.path("error").asString())
                .isEqualTo("The signing secret cannot be read on this node (keyhold.mfa.encryption-key)");
        assertThat(first.get("next_attempt_at").isNull())
                .as("retried, not dropped")
                .isFalse();
        assertThat(counted("failed")).isEqualTo(failed + 1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(awaitAttempts(endpoint, 2).get(0).path("attempt").asInt())
                .as("tried again after its pause, not re-claimed forever unrecorded")
                .isEqualTo(2);
        assertThat(receiver.receivedAt(endpoint.path())).isEmpty();
    }

    @Test
    void aRolledBackChangeIsNeitherQueuedNorDelivered() {
        Endpoint endpoint = subscribe("/rollback", "user.email_verified", "user.updated");
        var user = newUser();

        transaction.executeWithoutResult(status -> {
            assertThat(users.markEmailVerified(user.id(), user.email())).isTrue();
            assertThat(queuedFor(endpoint)).as("queued with the change").isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(queuedFor(endpoint)).isZero();
        rename(user.id(), "After the rollback");

        Received only = awaitReceived(endpoint, 1).get(0);
        assertThat(only.type())
                .as("the rolled-back event would have come first")
                .isEqualTo("user.updated");
        assertThat(only.json().path("data").path("email_verified").asBoolean()).isFalse();
        assertThat(awaitAttempts(endpoint, 1)).hasSize(1);
        assertThat(receiver.received()).hasSize(1);
    }

    private long queuedFor(Endpoint endpoint) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?")
                .param(endpoint.id())
                .query(Long.class)
                .single();
    }

    @Test
    void anEventPublishedOutsideATransactionFailsLoudly() {
        subscribe("/never", "session.ended");
        var user = newUser();

        assertThatThrownBy(() -> publisher.publishEvent(
                        new SessionEvents.Ended(1, user.id(), SessionChannel.API, SessionEvents.EndReason.LOGOUT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A session.ended event must be queued in the transaction of the change it reports");
    }

    @Test
    void anEventAboutAnAccountDeletedMeanwhileIsDroppedAndItsChangeStillCommits() {
        Endpoint endpoint = subscribe("/gone", "user.locked");
        var user = newUser();
        assertThat(api.delete("/api/users/" + user.id() + "/", superuser).status())
                .isEqualTo(204);

        // What a lockout counted as another request deletes the account publishes.
        transaction.executeWithoutResult(
                status -> publisher.publishEvent(new LoginEvents.Locked(user.id(), clock.instant())));

        assertThat(queuedFor(endpoint)).isZero();
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() {
        Endpoint endpoint = subscribe("/moved", "user.updated");
        receiver.redirect(302, receiver.url("/elsewhere"));

        rename(newUser().id(), "Redirected");

        JsonNode attempt = awaitAttempts(endpoint, 1).get(0);
        assertThat(attempt.path("status_code").asInt()).isEqualTo(302);
        assertThat(attempt.get("next_attempt_at").isNull()).isFalse();
        assertThat(receiver.receivedAt("/elsewhere")).isEmpty();
    }

    @Test
    void aReceiverThatNeverAnswersIsLeftAfter10SecondsAndTriedAgain() {
        Endpoint endpoint = subscribe("/hanging", "user.updated");
        receiver.hang();

        rename(newUser().id(), "Waiting");

        JsonNode attempt = awaitAttempts(endpoint, 1).get(0);
        assertThat(attempt.path("error").asString()).isEqualTo("No answer within 10 seconds");
        assertThat(attempt.get("status_code").isNull()).isTrue();
        assertThat(Duration.between(
                        Instant.parse(attempt.path("at").asString()),
                        Instant.parse(attempt.path("next_attempt_at").asString())))
                .as("the 5 s pause runs from when Keyhold stopped waiting")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void a2xxIsDeliveredOnItsStatusLineWhateverBodyFollows() throws Exception {
        try (var hostile = new EndlessBodyReceiver()) {
            ApiResponse created = api.postJson(
                    "/api/webhooks/",
                    superuser,
                    Map.of("url", hostile.url("/endless"), "events", List.of("user.updated")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Endpoint endpoint = new Endpoint(created.id(), created.text("secret"), "/endless");

            rename(newUser().id(), "Answered");

            JsonNode attempt = awaitAttempts(endpoint, 1).get(0);
            assertThat(attempt.path("status_code").asInt()).isEqualTo(200);
            assertThat(attempt.get("error").isNull()).isTrue();
            assertThat(attempt.get("next_attempt_at").isNull())
                    .as("delivered, not retried")
                    .isTrue();
            assertThat(hostile.requests()).hasSize(1);
        }
    }

    @Test
    void deletingAnEndpointDropsWhatWasQueuedForIt() {
        Endpoint deleted = subscribe("/deleted", "user.updated");
        Endpoint sentinel = subscribe("/sentinel", "user.created");
        receiver.answer(500, 1);
        var user = newUser();
        rename(user.id(), "Queued");
        rename(user.id(), "Queued behind");
        awaitAttempts(deleted, 1);

        assertThat(api.delete("/api/webhooks/" + deleted.id() + "/", superuser).status())
                .isEqualTo(204);
        clock.advance(Duration.ofMinutes(10));
        assertThat(signup(Map.of("email", uniqueEmail(), "password", PASSWORD)).status())
                .isEqualTo(201);

        awaitReceived(sentinel, 1);
        assertThat(receiver.receivedAt(deleted.path())).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void metersCountOutcomesAndShowTheQueueOnTheManagementPort() {
        Endpoint endpoint = subscribe("/metered", "user.updated");
        receiver.answer(500, 1);
        double delivered = counted("delivered");
        double failed = counted("failed");

        rename(newUser().id(), "Metered");
        awaitAttempts(endpoint, 1);
        clock.advance(Duration.ofSeconds(5));
        awaitAttempts(endpoint, 2);

        assertThat(counted("failed")).isEqualTo(failed + 1);
        assertThat(counted("delivered")).isEqualTo(delivered + 1);
        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern("(?m)^keyhold_webhook_queue_depth(\\{[^}]*})? 0\\.0$")
                .containsPattern("(?m)^keyhold_webhook_queue_lag_seconds(\\{[^}]*})? 0\\.0$")
                .containsPattern("(?m)^keyhold_webhook_delivery_lag_seconds_count(\\{[^}]*})? [1-9]")
                .contains("keyhold_webhook_delivery_lag_seconds_bucket{le=\"1.0\"}");
    }

    /** {@code keyhold_webhook_deliveries_total} of an outcome, as Prometheus scrapes it. */
    private double counted(String outcome) {
        String metrics = management.get("/actuator/prometheus", null).body();
        Matcher counted = Pattern.compile(
                        "(?m)^keyhold_webhook_deliveries_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertThat(counted.find()).as(outcome + " in " + metrics).isTrue();
        return Double.parseDouble(counted.group(1));
    }
}
