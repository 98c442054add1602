package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Reset requests are limited per client IP ({@code keyhold.rate-limits.password-reset}). */
@TestPropertySource(properties = "keyhold.rate-limits.password-reset=2")
class ResetRateLimitTest extends ApiTest {

    @Test
    void resetRequestsOverTheLimitThen429WithRetryAfter() {
        for (int i = 0; i < 2; i++) {
            assertThat(api.postJson("/api/users/password-reset/", null, Map.of("email", uniqueEmail()))
                            .status())
                    .isEqualTo(202);
        }

        ApiResponse refused = api.postJson("/api/users/password-reset/", null, Map.of("email", uniqueEmail()));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }
}
