package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keyhold's signatures against the Standard Webhooks reference libraries' own test vector. */
class WebhookSignatureTest {

    @Test
    void signsTheReferenceLibrariesVectorAsTheyDo() {
        // libraries/go/webhook_test.go (TestWebhookSign) and the other languages' tests of
        // github.com/standard-webhooks/standard-webhooks.
        String signature = WebhookSignature.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void secretsAreWhsecAndThirtyTwoRandomBytesAndIdsCarryNoDot() {
        String secret = WebhookSignature.newSecret();

        assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(WebhookSignature.newMessageId()).matches("msg_[A-Za-z0-9_-]{22}");
    }
}
