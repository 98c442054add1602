package io.keyhold.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.tokens.SecretTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Tokens of concurrent requests are looked up together ({@link TokenLookups}): each request still
 * gets its own caller, an unknown token its 401, and a logout ends its token for the very next
 * request, whatever else is in flight.
 */
@TestPropertySource(properties = "keyhold.sessions.policy=multiple")
abstract class TokenLookupsTests extends ApiTest {

    private static final int THREADS = 12;

    @Test
    void concurrentRequestsEachGetTheirOwnCallerAndUnknownTokensTheir401() throws Exception {
        List<Account> accounts = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Account account = newUser();
            accounts.add(account);
            tokens.add(tokenOf(account));
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int first = thread;
                requests.add(threads.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        int which = (first + round) % (accounts.size() + 1);
                        if (which == accounts.size()) {
                            assertThat(api.get("/api/users/me/", SecretTokens.newToken())
                                            .status())
                                    .isEqualTo(401);
                        } else {
                            ApiResponse me = api.get("/api/users/me/", tokens.get(which));
                            assertThat(me.status()).isEqualTo(200);
                            assertThat(me.text("email"))
                                    .isEqualTo(accounts.get(which).email());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> request : requests) {
                request.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLogoutEndsItsTokenForTheNextRequestWhileOthersAreInFlight() throws Exception {
        Account busy = newUser();
        String busyToken = tokenOf(busy);
        var load = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> background = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                background.add(threads.submit(() -> {
                    while (load.get()) {
                        assertThat(api.get("/api/users/me/", busyToken).status())
                                .isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 10; i++) {
                String token = tokenOf(newUser());
                assertThat(api.get("/api/users/me/", token).status()).isEqualTo(200);
                assertThat(api.post("/api/users/logout/", token).status()).isEqualTo(200);
                assertThat(api.get("/api/users/me/", token).status()).isEqualTo(401);
            }
            load.set(false);
            for (Future<?> requests : background) {
                requests.get(60, TimeUnit.SECONDS);
            }
        } finally {
            load.set(false);
            threads.shutdownNow();
        }
    }
}
