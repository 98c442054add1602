package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/webhooks/} (SPEC §15): superusers create, list and delete endpoints, test them and see their deliveries. */
abstract class WebhookApiTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        WebhookFixtures.forgetEndpoints(jdbc);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        WebhookFixtures.forgetEndpoints(jdbc);
    }

    private ApiResponse create(String token, String url, List<String> events) {
        return api.postJson("/api/webhooks/", token, Map.of("url", url, "events", events));
    }

    @Test
    void createWhenSuperuserThen201WithSecretShownOnceListedWithoutAndAudited() {
        String superuser = tokenOf(newSuperuser());
        String url = receiver.url("/hooks/T0KEN-IN-PATH?token=receivers-own-token");

        ApiResponse created = create(superuser, url, List.of("user.deleted", "user.created"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(PUBLIC_URL + "/api/webhooks/" + created.id() + "/");
        assertThat(created.json().propertyNames()).containsExactly("id", "url", "events", "secret", "created_at");
        assertThat(created.text("url")).isEqualTo(url);
        assertThat(created.json().get("events").toString()).isEqualTo("[\"user.deleted\",\"user.created\"]");
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(Instant.parse(created.text("created_at")))
                .isBefore(Instant.now().plusSeconds(1));

        ApiResponse list = api.get("/api/webhooks/", superuser);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("count").asLong()).isEqualTo(1);
        JsonNode listed = list.json().get("results").get(0);
        assertThat(listed.propertyNames()).containsExactly("id", "url", "events", "created_at");
        assertThat(listed.get("events")).isEqualTo(created.json().get("events"));
        assertThat(list.body()).doesNotContain(secret, "secret");
        String stored = jdbc.sql("SELECT secret_ciphertext FROM webhook_endpoints WHERE id = ?")
                .param(created.id())
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(secret.substring("whsec_".length()));

        ApiResponse audit = api.get("/api/audit/?type=webhook_created&page_size=100", superuser);
        assertThat(audit.body())
                .as("the origin only: a receiver's URL may carry a token of its own")
                .contains("webhook " + created.id() + " " + receiver.url(" for user.deleted, user.created\""))
                .doesNotContain(secret, "T0KEN-IN-PATH", "receivers-own-token");
    }

    @Test
    void createWithFormFieldsRepeatedThen201() {
        String superuser = tokenOf(newSuperuser());

        ApiResponse created = api.postForm(
                "/api/webhooks/",
                superuser,
                "url=" + receiver.url("/form") + "&events=session.created&events=session.ended");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("events").toString()).isEqualTo("[\"session.created\",\"session.ended\"]");
    }

    @Test
    void everyOperationWhenStaffNotSuperuserThen403AndAnonymousThen401() {
        String staff = tokenOf(newStaff());
        String user = tokenOf(newUser());
        long id = create(tokenOf(newSuperuser()), receiver.url("/"), List.of("user.created"))
                .id();

        for (String token : new String[] {staff, user}) {
            assertThat(create(token, receiver.url("/"), List.of("user.created")).status())
                    .isEqualTo(403);
            assertThat(api.get("/api/webhooks/", token).status()).isEqualTo(403);
            assertThat(api.delete("/api/webhooks/" + id + "/", token).status()).isEqualTo(403);
            assertThat(api.get("/api/webhooks/" + id + "/deliveries/", token).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/webhooks/" + id + "/test/", token).status())
                    .isEqualTo(403);
        }
        assertThat(create(null, receiver.url("/"), List.of("user.created")).status())
                .isEqualTo(401);
        assertThat(api.get("/api/webhooks/", null).status()).isEqualTo(401);
        assertThat(api.delete("/api/webhooks/" + id + "/", null).status()).isEqualTo(401);
        assertThat(api.get("/api/webhooks/" + id + "/deliveries/", null).status())
                .isEqualTo(401);
        assertThat(api.post("/api/webhooks/" + id + "/test/", null).status()).isEqualTo(401);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void createWhenUrlOrEventsInvalidThen400WithTheFieldsMessage() {
        String superuser = tokenOf(newSuperuser());
        String url = receiver.url("/");
        record Case(Map<String, ?> body, String field, String message) {}

        for (Case refused : List.of(
                new Case(Map.of("events", List.of("user.created")), "url", FieldErrors.REQUIRED),
                new Case(Map.of("url", url), "events", FieldErrors.REQUIRED),
                new Case(Map.of("url", url, "events", List.of()), "events", WebhookEndpoints.EMPTY_LIST),
                new Case(
                        Map.of("url", url, "events", List.of("user.created", "user.created")),
                        "events",
                        WebhookEndpoints.DUPLICATE_EVENT),
                new Case(
                        Map.of("url", url, "events", List.of("user.exploded")),
                        "events",
                        "\"user.exploded\" is not a valid choice."),
                new Case(
                        Map.of("url", url, "events", List.of("webhook.test")),
                        "events",
                        "\"webhook.test\" is not a valid choice."),
                new Case(
                        Map.of("url", url, "events", "user.created"),
                        "events",
                        "Expected a list of items but got type \"str\"."),
                new Case(Map.of("url", url, "events", List.of(1)), "events", "Not a valid string."),
                new Case(
                        Map.of("url", "not a url", "events", List.of("user.created")),
                        "url",
                        WebhookTargets.INVALID_URL),
                new Case(
                        Map.of("url", "/relative", "events", List.of("user.created")),
                        "url",
                        WebhookTargets.INVALID_URL),
                new Case(
                        Map.of("url", "https://bücher.example/", "events", List.of("user.created")),
                        "url",
                        WebhookTargets.INVALID_URL),
                new Case(
                        Map.of("url", "ftp://example.com/", "events", List.of("user.created")),
                        "url",
                        WebhookTargets.HTTP_OR_HTTPS),
                new Case(
                        Map.of("url", "https://ann:secret@example.com/", "events", List.of("user.created")),
                        "url",
                        WebhookTargets.NO_USERINFO),
                new Case(
                        Map.of("url", "https://example.com/" + "a".repeat(2048), "events", List.of("user.created")),
                        "url",
                        WebhookTargets.TOO_LONG))) {
            ApiResponse answer = api.postJson("/api/webhooks/", superuser, refused.body());
            assertThat(answer.status()).as(refused.toString()).isEqualTo(400);
            assertThat(answer.fieldErrors(refused.field()))
                    .as(refused.toString())
                    .contains(refused.message());
        }
        assertThat(api.get("/api/webhooks/", superuser).json().path("count").asLong())
                .isZero();
    }

    @Test
    void deleteThen204AndGoneEverywhereAndAuditedAndUnknownIds404() {
        String superuser = tokenOf(newSuperuser());
        String url = receiver.url("/deleted");
        long id = create(superuser, url, List.of("user.created")).id();

        assertThat(api.delete("/api/webhooks/" + id + "/", superuser).status()).isEqualTo(204);

        assertThat(api.get("/api/webhooks/", superuser).json().path("count").asLong())
                .isZero();
        for (String path : List.of("/api/webhooks/" + id + "/", "/api/webhooks/999999/")) {
            ApiResponse gone = api.delete(path, superuser);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.error()).isEqualTo(NotFound.DEFAULT_MESSAGE);
        }
        assertThat(api.get("/api/webhooks/" + id + "/deliveries/", superuser).status())
                .isEqualTo(404);
        assertThat(api.post("/api/webhooks/" + id + "/test/", superuser).status())
                .isEqualTo(404);
        for (String spelling : List.of("+" + id, "0" + id, "abc")) {
            assertThat(api.withoutRequestCheck()
                            .get("/api/webhooks/" + spelling + "/deliveries/", superuser)
                            .status())
                    .as(spelling)
                    .isEqualTo(404);
        }
        ApiResponse audit = api.get("/api/audit/?type=webhook_deleted&page_size=100", superuser);
        assertThat(audit.body())
                .contains("webhook " + id + " " + receiver.url("\""))
                .doesNotContain("/deleted");
    }

    @Test
    void listPaginatesOldestFirstAndAPagePastTheEndIs404() {
        String superuser = tokenOf(newSuperuser());
        for (int i = 0; i < 3; i++) {
            assertThat(create(superuser, receiver.url("/" + i), List.of("user.created"))
                            .status())
                    .isEqualTo(201);
        }

        ApiResponse first = api.get("/api/webhooks/?page_size=2", superuser);
        ApiResponse second = api.get("/api/webhooks/?page_size=2&page=2", superuser);

        assertThat(first.json().path("count").asLong()).isEqualTo(3);
        assertThat(first.json().get("results")).hasSize(2);
        assertThat(first.json().get("results").get(0).path("url").asString()).isEqualTo(receiver.url("/0"));
        assertThat(first.text("next")).isEqualTo(PUBLIC_URL + "/api/webhooks/?page_size=2&page=2");
        assertThat(second.json().get("results")).hasSize(1);
        ApiResponse past = api.get("/api/webhooks/?page=3&page_size=2", superuser);
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.error()).isEqualTo(PageRequest.INVALID_PAGE);
    }

    @Test
    void testThen202AndAWebhookTestEventIsDeliveredSignedAndListedAmongDeliveries() {
        String superuser = tokenOf(newSuperuser());
        ApiResponse created = create(superuser, receiver.url("/test"), List.of("user.created"));

        ApiResponse queued = api.post("/api/webhooks/" + created.id() + "/test/", superuser);

        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body()).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
        WebhookReceiver.Received test = receiver.received().get(0);
        assertThat(WebhookReceiver.verify(created.text("secret"), test, clock.instant()))
                .isTrue();
        assertThat(test.header("content-type")).isEqualTo("application/json");
        assertThat(test.id()).matches("msg_[A-Za-z0-9_-]{22}");
        JsonNode body = test.json();
        assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
        assertThat(body.path("type").asString()).isEqualTo("webhook.test");
        assertThat(body.path("data").toString()).isEqualTo("{\"webhook\":{\"id\":" + created.id() + "}}");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(api.get("/api/webhooks/" + created.id() + "/deliveries/", superuser)
                                .json())
                        .hasSize(1));
        JsonNode attempt = api.get("/api/webhooks/" + created.id() + "/deliveries/", superuser)
                .json()
                .get(0);
        assertThat(attempt.propertyNames())
                .containsExactly("event_id", "event_type", "attempt", "status_code", "error", "at", "next_attempt_at");
        assertThat(attempt.path("event_id").asString()).isEqualTo(test.id());
        assertThat(attempt.path("event_type").asString()).isEqualTo("webhook.test");
        assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.path("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("error").isNull()).isTrue();
        assertThat(attempt.get("next_attempt_at").isNull()).isTrue();
    }
}
