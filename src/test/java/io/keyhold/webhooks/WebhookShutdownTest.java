package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.InProcessNode;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery worker through a node's lifecycle: a shutdown, and a stop and start again. */
@OnPostgres
class WebhookShutdownTest {

    private static final String ADMIN = "shutdown-admin@example.com";
    private static final String PASSWORD = "Graceful-shutdown-1";

    private final String database = TestDatabase.createPostgresDatabase();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private ConfigurableApplicationContext node;
    private Api api;
    private String token;

    @BeforeEach
    void startNode() {
        node = InProcessNode.start(
                database,
                "--keyhold.webhooks.allow-private-targets=true",
                "--keyhold.shutdown.drain=0s",
                "--keyhold.mfa.key-file=target/test-data/mfa-encryption.key",
                "--keyhold.bootstrap.admin.email=" + ADMIN,
                "--keyhold.bootstrap.admin.password=" + PASSWORD);
        api = new Api(InProcessNode.port(node));
        token = api.postJson("/api/users/login/", null, Map.of("email", ADMIN, "password", PASSWORD))
                .text("token");
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        node.close();
        TestDatabase.dropPostgresDatabase(database);
    }

    private long endpoint(String path) {
        ApiResponse created = api.postJson(
                "/api/webhooks/", token, Map.of("url", receiver.url(path), "events", List.of("user.created")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    @Test
    void anAttemptInFlightAtShutdownIsFinishedAndRecorded() throws Exception {
        long id = endpoint("/slow");
        receiver.hang();
        assertThat(api.post("/api/webhooks/" + id + "/test/", token).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());

        CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
        // Closing has begun: the worker stops first of all (the web server, the pool and the HTTP
        // client after it), and waits for this attempt.
        await().atMost(Duration.ofSeconds(20)).until(node::isClosed);
        receiver.release();
        closing.get();

        try (Connection db = DriverManager.getConnection(TestDatabase.postgresUrl(database), "postgres", "")) {
            ResultSet attempt = db.createStatement().executeQuery("SELECT status_code, error FROM webhook_attempts");
            assertThat(attempt.next()).as("the attempt was recorded").isTrue();
            assertThat(attempt.getInt("status_code"))
                    .as(attempt.getString("error"))
                    .isEqualTo(200);
            ResultSet left = db.createStatement().executeQuery("SELECT COUNT(*) FROM webhook_deliveries");
            left.next();
            assertThat(left.getLong(1)).as("and its row left the outbox").isZero();
        }
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aNodeStoppedAndStartedAgainDeliversAgain() {
        long id = endpoint("/restarted");

        node.stop();
        node.start();
        // Queued in-process: whether the web server's port survives a restart is not this test's business.
        node.getBean(TransactionTemplate.class)
                .executeWithoutResult(
                        status -> node.getBean(WebhookEvents.class).test(id));

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().get(0).type()).isEqualTo("webhook.test");
    }
}
