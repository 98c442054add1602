package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.Installed;
import io.keyhold.testing.NodeWebhookReceiver;
import io.keyhold.webhooks.WebhookReceiver.Received;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM receiver that the delivery suites, the crash suite and the lag bench trust: it must see
 * two requests for one event that are open at once, and tell Keyhold's signatures right — its
 * verifier must agree with the reference library's own {@code sign()}, whatever the body holds, and
 * refuse what is signed under another secret, for another id, or too long ago.
 */
class WebhookReceiverTest {

    private static final String BODY = "{\"type\":\"user.updated\",\"timestamp\":\"2026-11-30T10:00:00.123456Z\","
            + "\"data\":{\"id\":7,\"email\":\"zoe@example.com\",\"name\":\"Zoë ☃\"}}";

    @Test
    void twoRequestsForOneIdOpenAtOnceAreSeenAndOnesAfterEachOtherAreNot() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.hang();
            List<Future<?>> held = List.of(
                    senders.submit(() -> post(receiver, "/a", "msg_1", 0, "v1,x")),
                    senders.submit(() -> post(receiver, "/a", "msg_1", 0, "v1,x")),
                    senders.submit(() -> post(receiver, "/b", "msg_1", 0, "v1,x")));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(receiver.received()).hasSize(3));
            receiver.release();
            for (Future<?> request : held) {
                request.get(20, TimeUnit.SECONDS);
            }
            post(receiver, "/b", "msg_1", 0, "v1,x");

            assertThat(receiver.overlapping()).containsExactly("/a msg_1");
            assertThat(receiver.receivedAt("/b")).hasSize(2);
        } finally {
            senders.shutdownNow();
        }
    }

    @Nested
    @Installed(
            value = {NodeWebhookReceiver.NODE, NodeWebhookReceiver.NPM},
            by = NodeWebhookReceiver.INSTALL)
    class AgainstTheReferenceLibrary {

        @Test
        void verifiesWhatTheReferenceLibrarySignedAndNothingElse() {
            String secret = NodeWebhookReceiver.newSecret();
            long now = Instant.now().getEpochSecond();
            long sixMinutesAgo = now - 6 * 60;
            try (WebhookReceiver receiver = new WebhookReceiver()) {
                String signed = NodeWebhookReceiver.sign(secret, "msg_1", now, BODY);
                post(receiver, "/", "msg_1", now, signed);
                post(
                        receiver,
                        "/",
                        "msg_2",
                        now,
                        NodeWebhookReceiver.sign(NodeWebhookReceiver.newSecret(), "msg_2", now, BODY));
                post(
                        receiver,
                        "/",
                        "msg_3",
                        now,
                        "v1,bm90IGl0 " + NodeWebhookReceiver.sign(secret, "msg_3", now, BODY));
                // Another id under the same signature.
                post(receiver, "/", "msg_4", now, signed);
                post(
                        receiver,
                        "/",
                        "msg_5",
                        sixMinutesAgo,
                        NodeWebhookReceiver.sign(secret, "msg_5", sixMinutesAgo, BODY));
                post(
                        receiver,
                        "/",
                        "msg_6",
                        now,
                        "v1,not base64! " + NodeWebhookReceiver.sign(secret, "msg_6", now, BODY));

                assertThat(receiver.received())
                        .extracting(Received::id, request -> WebhookReceiver.verifiedOnArrival(secret, request))
                        .containsExactly(
                                tuple("msg_1", true),
                                tuple("msg_2", false),
                                tuple("msg_3", true),
                                tuple("msg_4", false),
                                tuple("msg_5", false),
                                tuple("msg_6", true));
                Received first = receiver.received().get(0);
                assertThat(first.type()).isEqualTo("user.updated");
                assertThat(first.dataText("name")).isEqualTo("Zoë ☃");
                assertThat(first.eventTime()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123456Z"));
            }
        }
    }

    private static void post(WebhookReceiver receiver, String path, String id, long timestamp, String signature) {
        int port = URI.create(receiver.url()).getPort();
        int status = Api.otherServer(port)
                .postWebhook(path, id, timestamp, signature, BODY)
                .status();
        assertThat(status).isEqualTo(200);
    }
}
