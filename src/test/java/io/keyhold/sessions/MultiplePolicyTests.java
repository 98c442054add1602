package io.keyhold.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code keyhold.sessions.policy=multiple} with at most three sessions per user. */
@TestPropertySource(properties = {"keyhold.sessions.policy=multiple", "keyhold.sessions.max-per-user=3"})
abstract class MultiplePolicyTests extends ApiTest {

    @Test
    void loginsAddSessionsUpToTheLimitThenTheOldestEnds() {
        Account account = newUser();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(tokenOf(account));
        }

        assertThat(api.get("/api/users/me", tokens.get(0)).status()).isEqualTo(401);
        for (String live : tokens.subList(1, 4)) {
            assertThat(api.get("/api/users/me", live).status()).isEqualTo(200);
        }
    }

    @Test
    void ownPasswordChangeEndsOtherSessionsAndKeepsCurrent() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);

        var response = api.patchJson(
                "/api/users/me", current, Map.of("password", "An0ther-long-secret", "current_password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", other).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsOnlyTheCurrentSession() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);

        api.post("/api/users/logout", current);

        assertThat(api.get("/api/users/me", current).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me", other).status()).isEqualTo(200);
    }

    @Test
    void logoutByIdEndsEverySessionOfTheUser() {
        Account account = newUser();
        String first = tokenOf(account);
        String second = tokenOf(account);

        api.post("/api/users/logout/" + account.id(), second);

        assertThat(api.get("/api/users/me", first).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me", second).status()).isEqualTo(401);
    }
}
