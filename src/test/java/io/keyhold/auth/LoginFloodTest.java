package io.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A flood of logins saturates the bounded hash pool: logins that cannot get a slot in time are
 * refused with 503 instead of queueing, and authenticated requests, which hash nothing, are all
 * answered meanwhile.
 */
@TestPropertySource(properties = {"keyhold.passwords.hash-threads=1", "keyhold.passwords.hash-wait=50ms"})
class LoginFloodTest extends ApiTest {

    @Test
    void floodOfLoginsGets503ForTheOverflowWhileAuthenticatedRequestsAreServed() throws Exception {
        Account reader = newUser();
        String token = tokenOf(reader);
        List<Account> flooders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flooders.add(newUser());
        }
        ExecutorService threads = Executors.newFixedThreadPool(48);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> logins = new ArrayList<>();
            for (Account flooder : flooders) {
                logins.add(threads.submit(() -> {
                    go.await();
                    return login(flooder.email(), "wrong-password-" + flooder.id());
                }));
            }
            List<Future<ApiResponse>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(threads.submit(() -> {
                    go.await();
                    return api.get("/api/users/me/", token);
                }));
            }
            go.countDown();

            List<ApiResponse> answered = new ArrayList<>();
            for (Future<ApiResponse> login : logins) {
                answered.add(login.get());
            }
            for (Future<ApiResponse> read : reads) {
                assertThat(read.get().status()).isEqualTo(200);
            }
            assertThat(answered).allMatch(response -> response.status() == 401 || response.status() == 503);
            List<ApiResponse> refused = answered.stream()
                    .filter(response -> response.status() == 503)
                    .toList();
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).header("Retry-After")).isEqualTo("1");
            assertThat(refused.get(0).error()).isEqualTo("Service is overloaded, try again shortly.");
        } finally {
            threads.shutdownNow();
        }
    }
}
