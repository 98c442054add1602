package io.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-account lockout with the defaults: 5 failures, then 1 min, doubling, reset by success. */
abstract class LockoutTests extends ApiTest {

    @Test
    void fiveFailuresThenEvenTheRightPasswordGets429UntilTheLockEnds() {
        Account account = newUser();
        failFiveTimes(account.email());

        ApiResponse locked = login(account.email(), PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.error()).isEqualTo("Too many failed login attempts; try again later.");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 61);
        clock.advance(Duration.ofSeconds(61));
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void eachLockLastsTwiceAsLongAsTheOneBefore() {
        Account account = newUser();
        failFiveTimes(account.email());
        clock.advance(Duration.ofSeconds(61));

        failFiveTimes(account.email());
        clock.advance(Duration.ofSeconds(61));
        assertThat(login(account.email(), PASSWORD).status())
                .as("second lock: 2 min")
                .isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));

        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void successResetsTheCount() {
        Account account = newUser();
        for (int i = 0; i < 4; i++) {
            login(account.email(), "wrong-password");
        }
        String token = tokenOf(account);
        api.post("/api/users/logout/", token);

        for (int i = 0; i < 4; i++) {
            assertThat(login(account.email(), "wrong-password").status()).isEqualTo(401);
        }
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownAddressLocksTheSameWaySoALockRevealsNothing() {
        String unknown = uniqueEmail();
        Account known = newUser();
        failFiveTimes(unknown);
        failFiveTimes(known.email());

        ApiResponse forUnknown = login(unknown, "wrong-password");
        ApiResponse forKnown = login(known.email(), "wrong-password");

        assertThat(forUnknown.status()).isEqualTo(429);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
    }

    @Test
    void lockIsPerAddressInAnyCase() {
        Account account = newUser();
        failFiveTimes(account.email().toUpperCase());

        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(429);
        assertThat(login(newUser().email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void concurrentFailuresAreAllCountedAndLock() throws Exception {
        Account account = newUser();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var attempts = new java.util.ArrayList<java.util.concurrent.Future<ApiResponse>>();
            for (int i = 0; i < 10; i++) {
                attempts.add(threads.submit(() -> {
                    start.await();
                    return login(account.email(), "wrong-password");
                }));
            }
            start.countDown();
            for (var attempt : attempts) {
                assertThat(attempt.get().status()).isIn(401, 429);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(429);
    }

    private void failFiveTimes(String email) {
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong-password").status()).isEqualTo(401);
        }
    }
}
