package io.keyhold.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Per-client-IP limits on login and signup, and whose {@code X-Forwarded-For} counts. */
class ClientLimitsTest {

    /** No trusted proxy: the socket address is the client, whatever the header claims. */
    @Nested
    @TestPropertySource(properties = {"keyhold.rate-limits.login=3", "keyhold.rate-limits.signup=2"})
    class WithoutTrustedProxy extends ApiTest {

        @Test
        void loginsOverTheLimitThen429WithRetryAfterEvenWithSpoofedForwardedFor() {
            Account account = newUser();
            for (int i = 0; i < 3; i++) {
                assertThat(loginFrom("198.51.100." + i, account.email(), "wrong-password")
                                .status())
                        .isEqualTo(401);
            }

            ApiResponse refused = loginFrom("198.51.100.99", account.email(), PASSWORD);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
            assertThat(refused.error()).isEqualTo("Too many requests; try again later.");
        }

        @Test
        void signupsOverTheLimitThen429() {
            assertThat(signup(Map.of("email", uniqueEmail(), "password", PASSWORD))
                            .status())
                    .isEqualTo(201);
            assertThat(signup(Map.of("email", uniqueEmail(), "password", PASSWORD))
                            .status())
                    .isEqualTo(201);

            assertThat(signup(Map.of("email", uniqueEmail(), "password", PASSWORD))
                            .status())
                    .isEqualTo(429);
        }

        @Test
        void malformedLoginIsRefusedBeforeItCountsAgainstTheLimit() {
            for (int i = 0; i < 5; i++) {
                assertThat(login("not-an-address", PASSWORD).status()).isEqualTo(400);
            }
        }
    }

    /** 127.0.0.1 is a trusted proxy: each forwarded client gets its own budget. */
    @Nested
    @TestPropertySource(properties = {"keyhold.rate-limits.login=2", "keyhold.trusted-proxies=127.0.0.1/32"})
    class BehindTrustedProxy extends ApiTest {

        @Test
        void forwardedClientsAreLimitedSeparately() {
            Account account = newUser();
            for (int i = 0; i < 2; i++) {
                assertThat(loginFrom("203.0.113.7", account.email(), "wrong-password")
                                .status())
                        .isEqualTo(401);
            }

            assertThat(loginFrom("203.0.113.7", account.email(), "wrong-password")
                            .status())
                    .isEqualTo(429);
            assertThat(loginFrom("203.0.113.8", account.email(), "wrong-password")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void rightMostUntrustedHopIsTheClientSoAPrependedFakeDoesNotHelp() {
            Account account = newUser();
            for (int i = 0; i < 2; i++) {
                loginFrom("fake-" + i + ", 203.0.113.20", account.email(), "wrong-password");
            }

            assertThat(loginFrom("10.9.9.9, 203.0.113.20", account.email(), "wrong-password")
                            .status())
                    .isEqualTo(429);
        }
    }
}
