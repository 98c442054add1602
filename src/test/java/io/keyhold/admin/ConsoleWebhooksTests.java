package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import io.keyhold.testing.ConsoleClient.Page;
import io.keyhold.webhooks.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's webhooks pages (SPEC §15): superusers create an endpoint and see its signing
 * secret once, send it a test event and watch the attempt appear, and delete it; nobody else
 * reaches the pages. Receivers are on 127.0.0.1, which the suites allow
 * ({@code keyhold.webhooks.allow-private-targets}).
 */
abstract class ConsoleWebhooksTests extends ApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private ConsoleClient console;
    private WebhookReceiver receiver;

    @BeforeEach
    void openConsoleAndReceiver() {
        console = new ConsoleClient("http://127.0.0.1:" + port);
        receiver = new WebhookReceiver();
    }

    /**
     * An endpoint left behind would receive, and retry, the events of every suite sharing this
     * database; its outbox rows and attempts would show in another suite's counts. The outbox and
     * the attempts have no foreign key to the endpoint, so they go by hand.
     */
    @AfterEach
    void forgetEndpointsAndStopReceiver() {
        jdbc.sql("DELETE FROM webhook_endpoints").update();
        jdbc.sql("DELETE FROM webhook_deliveries").update();
        jdbc.sql("DELETE FROM webhook_attempts").update();
        receiver.close();
    }

    @Test
    void superuserCreatesAnEndpointSeesItsSecretOnceAndSendsItATestEvent() {
        Account superuser = newSuperuser();
        logIn(superuser);
        String url = receiverUrl();

        Page created = console.post("/admin/webhooks", form(url, "user.created", "session.ended"));

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String secret = created.textOf("#webhook-secret");
        assertThat(secret).startsWith("whsec_");
        Page list = console.get("/admin/webhooks");
        assertThat(list.textOf("#webhooks")).contains(url, "user.created, session.ended");
        assertThat(list.body()).doesNotContain(secret);
        long id = endpointId(url);
        assertThat(auditDetails(superuser.id(), "webhook_created"))
                .singleElement()
                .asString()
                .as("the endpoint's origin only: a URL's path may carry a token")
                .contains("webhook " + id + " " + origin(url))
                .doesNotContain("/hooks/keyhold")
                .doesNotContain(secret);

        Page detail = console.get("/admin/webhooks/" + id);
        assertThat(detail.textOf("#attempts")).contains("Nothing has been sent yet.");
        // Not the usual 200, so the page shows what this receiver answered.
        receiver.answer(204, 1);
        Page tested = console.post("/admin/webhooks/" + id + "/test", Map.of());
        assertThat(tested.status()).isEqualTo(302);
        assertThat(tested.location()).endsWith("/admin/webhooks/" + id + "?tested");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(console.get("/admin/webhooks/" + id).textOf("#attempts"))
                                .contains("webhook.test", "HTTP 204"));
        assertThat(receiver.received())
                .filteredOn(received -> "webhook.test".equals(received.type()))
                .singleElement()
                .satisfies(test -> assertThat(WebhookReceiver.verifiedOnArrival(secret, test))
                        .isTrue());
        assertThat(console.get("/admin/webhooks/" + id).body()).doesNotContain(secret);
    }

    @Test
    void anEndpointWithoutEventsOrWithABadUrlIsRefusedWithTheFormKeptAndNothingCreated() {
        logIn(newSuperuser());

        Page noEvents = console.post("/admin/webhooks", Map.of("url", receiverUrl()));
        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(noEvents.textOf("#error")).isNotBlank();
        assertThat(noEvents.document().selectFirst("#webhook-url").attr("value"))
                .isEqualTo(receiverUrl());

        Page badUrl = console.post("/admin/webhooks", form("ftp://example.com/hooks", "user.updated"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.textOf("#error")).isNotBlank();
        assertThat(badUrl.document().selectFirst("#webhook-url").attr("aria-invalid"))
                .isEqualTo("true");
        assertThat(badUrl.document().selectFirst("#event-user\\.updated").hasAttr("checked"))
                .as("the events chosen stay chosen")
                .isTrue();
        assertThat(endpointCount()).isZero();
    }

    @Test
    void superuserDeletesAnEndpointAfterConfirming() {
        Account superuser = newSuperuser();
        logIn(superuser);
        String url = receiverUrl();
        console.post("/admin/webhooks", form(url, "user.deleted"));
        long id = endpointId(url);

        Page confirm = console.get("/admin/webhooks/" + id + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.textOf("main")).contains(url);
        Page deleted = console.post("/admin/webhooks/" + id + "/delete", Map.of());

        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.location()).endsWith("/admin/webhooks?deleted");
        assertThat(console.get("/admin/webhooks?deleted").textOf("#notice")).contains("The endpoint was deleted");
        assertThat(endpointCount()).isZero();
        assertThat(auditDetails(superuser.id(), "webhook_deleted"))
                .singleElement()
                .asString()
                .contains("webhook " + id + " " + origin(url))
                .doesNotContain("/hooks/keyhold");
        assertThat(console.get("/admin/webhooks/" + id).status()).isEqualTo(404);
        assertThat(console.get("/admin/webhooks/+" + id).status()).isEqualTo(404);
    }

    @Test
    void staffWhoAreNotSuperusersNeitherSeeNorReachThePages() {
        logIn(newStaff());

        assertThat(console.get("/admin/").document().select("#nav-webhooks")).isEmpty();
        Page page = console.get("/admin/webhooks");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.textOf("h1")).isEqualTo("Not allowed");
        console.get("/admin/");
        Page create = console.post("/admin/webhooks", form(receiverUrl(), "user.created"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.textOf("h1")).isEqualTo("Not allowed");
        assertThat(endpointCount()).isZero();
    }

    /** Signs in and opens the webhooks page, whose form carries the CSRF token the posts send. */
    private void logIn(Account account) {
        Page entered = console.logIn(account.email(), PASSWORD);
        assertThat(entered.status()).as(entered.text()).isEqualTo(302);
        console.get("/admin/webhooks");
    }

    /**
     * The form with its events ticked. A browser repeats the {@code events} field, which a map
     * cannot hold; Spring binds one comma-separated value to the same list.
     */
    private static Map<String, String> form(String url, String... events) {
        return Map.of("url", url, "events", String.join(",", events));
    }

    private String receiverUrl() {
        return receiver.url("/hooks/keyhold");
    }

    private static String origin(String url) {
        URI parsed = URI.create(url);
        return parsed.getScheme() + "://" + parsed.getHost() + ":" + parsed.getPort();
    }

    private long endpointId(String url) {
        return jdbc.sql("SELECT id FROM webhook_endpoints WHERE url = ?")
                .param(url)
                .query(Long.class)
                .single();
    }

    private long endpointCount() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoints")
                .query(Long.class)
                .single();
    }

    private List<String> auditDetails(long actorId, String type) {
        return jdbc.sql("SELECT detail FROM audit_events WHERE actor_id = ? AND type = ? ORDER BY id")
                .params(actorId, type)
                .query(String.class)
                .list();
    }
}
