package io.keyhold.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.NodeWebhookReceiver.Delivery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Node receiver that the webhook suites trust as the Standard Webhooks verdict: it must say
 * "verified" to what the reference library itself signed under its secret, and "not verified" to a
 * signature under another secret or a stale timestamp; and {@code --fail-first} must fail exactly
 * that many deliveries.
 */
@Installed(
        value = {NodeWebhookReceiver.NODE, NodeWebhookReceiver.NPM},
        by = NodeWebhookReceiver.INSTALL)
class NodeWebhookReceiverTest {

    private static final String BODY =
            "{\"type\":\"user.created\",\"timestamp\":\"2026-11-30T10:00:00.123456Z\",\"data\":{\"id\":7,\"email\":\"ada@example.com\"}}";

    @Test
    void libraryVerifiesItsOwnSignatureAndRefusesAnotherSecretsOrAStaleOne() {
        String secret = NodeWebhookReceiver.newSecret();
        long now = Instant.now().getEpochSecond();
        try (NodeWebhookReceiver receiver = NodeWebhookReceiver.start(0, secret)) {
            int signed = post(receiver, "msg_1", now, NodeWebhookReceiver.sign(secret, "msg_1", now, BODY));
            int otherSecret = post(
                    receiver,
                    "msg_2",
                    now,
                    NodeWebhookReceiver.sign(NodeWebhookReceiver.newSecret(), "msg_2", now, BODY));
            long stale = now - 10 * 60;
            int staleTimestamp = post(receiver, "msg_3", stale, NodeWebhookReceiver.sign(secret, "msg_3", stale, BODY));

            List<Delivery> received = receiver.received();

            assertThat(List.of(signed, otherSecret, staleTimestamp)).containsExactly(204, 400, 400);
            assertThat(received).extracting(Delivery::webhookId).containsExactly("msg_1", "msg_2", "msg_3");
            assertThat(received).extracting(Delivery::verified).containsExactly(true, false, false);
            assertThat(received)
                    .extracting(Delivery::error)
                    .containsExactly(null, "No matching signature found", "Message timestamp too old");
            Delivery first = received.get(0);
            assertThat(first.type()).isEqualTo("user.created");
            assertThat(first.dataText("email")).isEqualTo("ada@example.com");
            assertThat(first.webhookTimestamp()).isEqualTo(String.valueOf(now));
            assertThat(first.body()).isEqualTo(BODY);
        }
    }

    @Test
    void failFirstAnswers500ToThatManyDeliveriesThenAcceptsTheSameOne() {
        String secret = NodeWebhookReceiver.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = NodeWebhookReceiver.sign(secret, "msg_retried", now, BODY);
        try (NodeWebhookReceiver receiver = NodeWebhookReceiver.start(0, secret, 2)) {
            List<Integer> answers = List.of(
                    post(receiver, "msg_retried", now, signature),
                    post(receiver, "msg_retried", now, signature),
                    post(receiver, "msg_retried", now, signature));

            assertThat(answers).containsExactly(500, 500, 204);
            assertThat(receiver.received()).extracting(Delivery::verified).containsExactly(true, true, true);
        }
    }

    private static int post(NodeWebhookReceiver receiver, String id, long timestamp, String signature) {
        return Api.otherServer(receiver.port())
                .postWebhook("/", id, timestamp, signature, BODY)
                .status();
    }
}
