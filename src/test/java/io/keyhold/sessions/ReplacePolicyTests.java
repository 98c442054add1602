package io.keyhold.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code keyhold.sessions.policy=replace}: a new login ends the others and succeeds. */
@TestPropertySource(properties = "keyhold.sessions.policy=replace")
abstract class ReplacePolicyTests extends ApiTest {

    @Test
    void newLoginEndsOtherSessionsAndSucceeds() {
        Account account = newUser();
        String first = tokenOf(account);

        String second = tokenOf(account);

        assertThat(api.get("/api/users/me", first).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me", second).status()).isEqualTo(200);
    }
}
