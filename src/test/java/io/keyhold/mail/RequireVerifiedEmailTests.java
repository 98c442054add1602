package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.SoftwareAuthenticator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

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
    void passkeyAloneOnAnAddressNotVerifiedThen403AsWithThePassword() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));
        api.postJson(
                "/api/users/verify-email/",
                null,
                Map.of("token", tokenIn(mailsTo(email, 1).get(0))));
        String token = login(email, PASSWORD).text("token");
        var authenticator = new SoftwareAuthenticator();
        ApiResponse options =
                api.postJson("/api/users/me/passkeys/options/", token, Map.of("current_password", PASSWORD));
        String credential = authenticator.create(options.json().get("publicKey"), PUBLIC_URL, "localhost");
        api.postForm(
                "/api/users/me/passkeys/",
                token,
                "flow_id=" + options.text("flow_id") + "&name=Phone&credential="
                        + URLEncoder.encode(credential, StandardCharsets.UTF_8));
        ApiResponse moved =
                api.patchJson("/api/users/me/", token, Map.of("email", uniqueEmail(), "current_password", PASSWORD));
        assertThat(moved.json().get("email_verified").asBoolean()).isFalse();
        api.post("/api/users/logout/", token);

        ApiResponse begun = api.post("/api/users/login/passkey/options/", null);
        JsonNode publicKey = begun.json().get("publicKey");
        ApiResponse refused = api.postForm(
                "/api/users/login/passkey/",
                null,
                "flow_id=" + begun.text("flow_id") + "&credential="
                        + URLEncoder.encode(
                                authenticator.get(publicKey, PUBLIC_URL, "localhost"), StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("Email not verified");
    }

    @Test
    void wrongPasswordOnUnverifiedAccountThen401NotTheVerificationHint() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));

        assertThat(login(email, "wrong-password-1").status()).isEqualTo(401);
    }
}
