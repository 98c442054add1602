package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A reset request that cannot be read is an attempt too: it counts toward the client's limit. */
@TestPropertySource(properties = "keyhold.rate-limits.password-reset=1")
class UnreadableResetRequestTest extends ApiTest {

    @Test
    void resetRequestWithoutAnAddressThen400AndTheNextOneIsOverTheLimit() {
        ApiResponse unreadable = api.postJson("/api/users/password-reset/", null, Map.of());
        ApiResponse next = api.postJson("/api/users/password-reset/", null, Map.of("email", uniqueEmail()));

        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.fieldErrors("email")).containsExactly("This field is required.");
        assertThat(next.status()).isEqualTo(429);
    }
}
