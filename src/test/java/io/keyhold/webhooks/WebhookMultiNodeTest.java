package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.InProcessNode;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import io.keyhold.webhooks.WebhookReceiver.Received;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes against one PostgreSQL, both delivering the one outbox: every event reaches every
 * endpoint exactly once when the endpoint always answers 200, and never in two requests at once.
 * The nodes look for work every 50 ms, so both keep claiming while the events pour in, and the
 * receiver takes {@value #ANSWER_AFTER_MS} ms over each answer, so that a second request for an
 * event still being delivered would arrive while the first is open and be seen.
 */
@OnPostgres
class WebhookMultiNodeTest {

    private static final String ADMIN = "webhook-admin@example.com";
    private static final String PASSWORD = "Two-nodes-one-outbox-1";
    private static final int SIGNUPS = 40;
    private static final List<String> PATHS = List.of("/first", "/second", "/third");
    private static final long ANSWER_AFTER_MS = 200;
    private static String database;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startTwoNodes() {
        database = TestDatabase.createPostgresDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String shared = "--keyhold.mfa.encryption-key=" + Base64.getEncoder().encodeToString(key);
        String[] webhooks = {"--keyhold.webhooks.allow-private-targets=true", "--keyhold.webhooks.poll-interval=50ms"};
        nodeA = InProcessNode.start(
                database,
                shared,
                webhooks[0],
                webhooks[1],
                "--keyhold.bootstrap.admin.email=" + ADMIN,
                "--keyhold.bootstrap.admin.password=" + PASSWORD);
        nodeB = InProcessNode.start(database, shared, webhooks[0], webhooks[1]);
        a = new Api(InProcessNode.port(nodeA));
        b = new Api(InProcessNode.port(nodeB));
        receiver = new WebhookReceiver();
        receiver.answerAfter(Duration.ofMillis(ANSWER_AFTER_MS));
    }

    @AfterAll
    static void stopNodes() {
        if (receiver != null) {
            receiver.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        TestDatabase.dropPostgresDatabase(database);
    }

    @Test
    void eachEventReachesEachEndpointOnceAndNeverInTwoRequestsAtOnce() throws Exception {
        String token = a.postJson("/api/users/login/", null, Map.of("email", ADMIN, "password", PASSWORD))
                .text("token");
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < PATHS.size(); i++) {
            Api node = i % 2 == 0 ? a : b;
            ApiResponse created = node.postJson(
                    "/api/webhooks/",
                    token,
                    Map.of("url", receiver.url(PATHS.get(i)), "events", List.of("user.created")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            secrets.add(created.text("secret"));
        }

        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<ApiResponse>> signups = new ArrayList<>();
            for (int i = 0; i < SIGNUPS; i++) {
                Api node = i % 2 == 0 ? a : b;
                String email = "node-signup-" + i + "-" + System.nanoTime() + "@example.com";
                signups.add(clients.submit(
                        () -> node.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD))));
            }
            for (Future<ApiResponse> signup : signups) {
                assertThat(signup.get().status()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }

        // A request is recorded as it arrives and counted by its node once answered, ANSWER_AFTER_MS later.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(SIGNUPS * PATHS.size());
            assertThat(delivered(nodeA) + delivered(nodeB)).isGreaterThanOrEqualTo(SIGNUPS * PATHS.size());
        });
        assertThat(receiver.overlapping()).as("ids received twice at once").isEmpty();
        for (int i = 0; i < PATHS.size(); i++) {
            List<Received> atPath = receiver.receivedAt(PATHS.get(i));
            assertThat(atPath).hasSize(SIGNUPS);
            assertThat(atPath).extracting(Received::id).doesNotHaveDuplicates();
            String secret = secrets.get(i);
            assertThat(atPath)
                    .allSatisfy(event -> assertThat(WebhookReceiver.verifiedOnArrival(secret, event))
                            .isTrue());
        }
        assertThat(delivered(nodeA) + delivered(nodeB))
                .as("attempts made, over both nodes: one per event and endpoint")
                .isEqualTo(SIGNUPS * PATHS.size());
        assertThat(receiver.received()).hasSize(SIGNUPS * PATHS.size());
    }

    private static double delivered(ConfigurableApplicationContext node) {
        String metrics = Api.management(InProcessNode.managementPort(node))
                .get("/actuator/prometheus", null)
                .body();
        Matcher counted = Pattern.compile(
                        "(?m)^keyhold_webhook_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertThat(counted.find()).isTrue();
        return Double.parseDouble(counted.group(1));
    }
}
