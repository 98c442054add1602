package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** Where mail goes without an SMTP server, and what a dead one does to the API: nothing. */
class MailDeliveryTest {

    /** No {@code spring.mail.host}: the mail, link included, is written to the log for a developer. */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class WithoutSmtp extends ApiTest {

        @Test
        void resetMailGoesToTheLogWithItsLink(CapturedOutput output) {
            Account account = newUser();

            assertThat(api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()))
                            .status())
                    .isEqualTo(202);

            // The mail is made after the answer has gone out: wait for it to reach the log.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(output.getOut())
                            .contains("Mail not sent (no spring.mail.host): to " + account.email())
                            .containsPattern("http://localhost:8000/reset-password\\?token=[A-Za-z0-9_-]{43}"));
        }
    }

    /** An SMTP server that refuses connections: the request is answered at once and the failure logged. */
    @Nested
    @TestPropertySource(
            properties = {
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=9",
                "keyhold.public-url=https://id.example.org/"
            })
    @ExtendWith(OutputCaptureExtension.class)
    class WithDeadSmtp extends ApiTest {

        @Test
        void resetRequestIsAnsweredAndTheFailureIsRetriedInTheBackground(CapturedOutput output) {
            Account account = newUser();

            var response = api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));

            assertThat(response.status()).isEqualTo(202);
            assertThat(output.getOut()).doesNotContain("reset-password?token=");
        }
    }
}
