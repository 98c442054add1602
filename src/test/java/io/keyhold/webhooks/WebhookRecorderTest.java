package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.keyhold.testing.Api;
import io.keyhold.testing.Installed;
import io.keyhold.testing.NodeWebhookReceiver;
import io.keyhold.webhooks.WebhookRecorder.Delivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM recorder that the crash suite and the lag bench trust to tell Keyhold's signatures
 * right: it must agree with the reference library's own {@code sign()}, whatever the body holds.
 */
@Installed(
        value = {NodeWebhookReceiver.NODE, NodeWebhookReceiver.NPM},
        by = NodeWebhookReceiver.INSTALL)
class WebhookRecorderTest {

    private static final String BODY = "{\"type\":\"user.updated\",\"timestamp\":\"2026-11-30T10:00:00.123456Z\","
            + "\"data\":{\"id\":7,\"email\":\"zoe@example.com\",\"name\":\"Zoë ☃\"}}";

    @Test
    void verifiesWhatTheReferenceLibrarySignedAndNothingElse() {
        String secret = NodeWebhookReceiver.newSecret();
        long now = Instant.now().getEpochSecond();
        try (WebhookRecorder recorder = WebhookRecorder.start()) {
            recorder.verifyWith(secret);
            String signed = NodeWebhookReceiver.sign(secret, "msg_1", now, BODY);
            post(recorder, "msg_1", now, signed);
            post(recorder, "msg_2", now, NodeWebhookReceiver.sign(NodeWebhookReceiver.newSecret(), "msg_2", now, BODY));
            post(recorder, "msg_3", now, "v1,bm90IGl0 " + NodeWebhookReceiver.sign(secret, "msg_3", now, BODY));
            // Another id under the same signature.
            post(recorder, "msg_4", now, signed);

            assertThat(recorder.received())
                    .extracting(Delivery::webhookId, Delivery::verified)
                    .containsExactly(
                            tuple("msg_1", true), tuple("msg_2", false), tuple("msg_3", true), tuple("msg_4", false));
            Delivery first = recorder.received().get(0);
            assertThat(first.type()).isEqualTo("user.updated");
            assertThat(first.dataText("name")).isEqualTo("Zoë ☃");
        }
    }

    private static void post(WebhookRecorder recorder, String id, long timestamp, String signature) {
        int port = URI.create(recorder.url()).getPort();
        int status = Api.otherServer(port)
                .send(
                        "POST",
                        "/",
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "webhook-id",
                                id,
                                "webhook-timestamp",
                                String.valueOf(timestamp),
                                "webhook-signature",
                                signature),
                        BODY.getBytes(StandardCharsets.UTF_8))
                .status();
        assertThat(status).isEqualTo(204);
    }
}
