package io.keyhold.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code me/password} and {@code me/sessions}, with several sessions per user allowed. */
@TestPropertySource(properties = "keyhold.sessions.policy=multiple")
abstract class OwnSessionsTests extends ApiTest {

    @Test
    void sessionsListThenEveryLiveSessionWithCurrentMarkedAndNoSecrets() {
        Account account = newUser();
        String first = tokenOf(account);
        String second = api.send(
                        "POST",
                        "/api/users/login/",
                        Map.of("Content-Type", "application/json", "User-Agent", "Keyhold-Test/2"),
                        ("{\"email\":\"" + account.email() + "\",\"password\":\"" + PASSWORD + "\"}").getBytes())
                .text("token");

        ApiResponse response = api.get("/api/users/me/sessions/", second);

        assertThat(response.status()).isEqualTo(200);
        JsonNode sessions = response.json();
        assertThat(sessions.isArray()).isTrue();
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.get(0).propertyNames())
                .containsExactly("id", "created_at", "last_used_at", "expires_at", "ip", "user_agent", "current");
        assertThat(sessions.get(0).get("current").asBoolean()).isFalse();
        assertThat(sessions.get(1).get("current").asBoolean()).isTrue();
        assertThat(sessions.get(1).get("user_agent").asString()).isEqualTo("Keyhold-Test/2");
        assertThat(sessions.get(1).get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(response.body()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void revokeOwnSessionThen204AndItsTokenEnds() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);
        long otherId = api.get("/api/users/me/sessions", current)
                .json()
                .get(0)
                .get("id")
                .asLong();

        assertThat(api.delete("/api/users/me/sessions/" + otherId + "/", current)
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/users/me/", other).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.delete("/api/users/me/sessions/" + otherId, current).status())
                .isEqualTo(404);
    }

    @Test
    void revokeSomeoneElsesSessionThen404AndItLives() {
        Account victim = newUser();
        String victimToken = tokenOf(victim);
        long victimSession = api.get("/api/users/me/sessions", victimToken)
                .json()
                .get(0)
                .get("id")
                .asLong();

        ApiResponse response = api.delete("/api/users/me/sessions/" + victimSession, tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get("/api/users/me/", victimToken).status()).isEqualTo(200);
    }

    @Test
    void sessionsWithoutTokenThen401() {
        assertThat(api.get("/api/users/me/sessions/", null).status()).isEqualTo(401);
        assertThat(api.delete("/api/users/me/sessions/1/", null).status()).isEqualTo(401);
    }

    @Test
    void changeOwnPasswordThen204AndOtherSessionsEndAndCurrentStays() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);

        ApiResponse response = api.postJson(
                "/api/users/me/password/",
                current,
                Map.of("current_password", PASSWORD, "new_password", "Brand-new-secret-42"));

        assertThat(response.status()).isEqualTo(204);
        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", other).status()).isEqualTo(401);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(account.email(), "Brand-new-secret-42").status()).isEqualTo(200);
    }

    @Test
    void changeOwnPasswordWithWrongCurrentThen400AndNothingChanges() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);

        ApiResponse response = api.postJson(
                "/api/users/me/password/",
                current,
                Map.of("current_password", "not-my-password", "new_password", "Brand-new-secret-42"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("current_password")).hasSize(1);
        assertThat(api.get("/api/users/me/", other).status()).isEqualTo(200);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void changeOwnPasswordToWeakOneThen400UnderNewPassword() {
        Account account = newUser();

        ApiResponse response = api.postJson(
                "/api/users/me/password/",
                tokenOf(account),
                Map.of("current_password", PASSWORD, "new_password", "12345678"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("new_password"))
                .containsAll(List.of("This password is too common.", "This password is entirely numeric."));
    }

    @Test
    void changeOwnPasswordWithoutTokenThen401() {
        ApiResponse response = api.postJson(
                "/api/users/me/password/",
                null,
                Map.of("current_password", PASSWORD, "new_password", "Brand-new-secret-42"));

        assertThat(response.status()).isEqualTo(401);
    }
}
