package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code keyhold.signup.require-verified-email=true}: login waits for the address to be confirmed. */
@TestPropertySource(properties = "keyhold.signup.require-verified-email=true")
abstract class RequireVerifiedEmailTests extends MailTest {

    @Test
    void loginBeforeVerificationThen403AndAfterItThen200() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));

        ApiResponse before = login(email, PASSWORD);
        api.postJson(
                "/api/users/verify-email/",
                null,
                Map.of("token", tokenIn(mailsTo(email, 1).get(0))));
        ApiResponse after = login(email, PASSWORD);

        assertThat(before.status()).isEqualTo(403);
        assertThat(before.error()).isEqualTo("Email not verified");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordOnUnverifiedAccountThen401NotTheVerificationHint() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));

        assertThat(login(email, "wrong-password-1").status()).isEqualTo(401);
    }
}
