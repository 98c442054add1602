package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Races that a service in production meets: one email signed up at once, one user logging in at once. */
abstract class ConcurrencyTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void fiftyParallelSignupsWithOneEmailThenExactlyOneCreated() throws Exception {
        String email = uniqueEmail();

        List<ApiResponse> responses = race(50, () -> signup(Map.of("email", email, "password", PASSWORD)));

        assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(response -> response.status() == 409).hasSize(49);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = ?")
                        .param(email.toLowerCase())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twentyParallelLoginsOfOneUserUnderSingleThenAtMostOneWorkingToken() throws Exception {
        Account account = newUser();

        List<ApiResponse> responses = race(20, () -> login(account.email(), PASSWORD));

        assertThat(responses).allMatch(response -> response.status() == 200 || response.status() == 409);
        List<String> working = responses.stream()
                .filter(response -> response.status() == 200)
                .map(response -> response.text("token"))
                .filter(token -> api.get("/api/users/me", token).status() == 200)
                .toList();
        assertThat(working).hasSizeLessThanOrEqualTo(1);
        assertThat(liveSessions(account.id())).isLessThanOrEqualTo(1);
    }

    @RepeatedTest(5)
    void ownPasswordChangeRacingDeactivationNeverUndoesTheDeactivation() throws Exception {
        Account account = newUser();
        String userToken = tokenOf(account);
        String staffToken = tokenOf(newStaff());

        race(List.of(
                () -> api.patchJson(
                        "/api/users/me/",
                        userToken,
                        Map.of("password", "Racing-new-secret-5", "current_password", PASSWORD, "name", "Racer")),
                () -> api.patchJson("/api/users/" + account.id() + "/", staffToken, Map.of("is_active", false))));

        assertThat(userAccounts.findById(account.id()).orElseThrow().active()).isFalse();
        assertThat(api.get("/api/users/me/", userToken).status()).isEqualTo(401);
        assertThat(liveSessions(account.id())).isZero();
    }

    @RepeatedTest(5)
    void loginRacingDeletionThenNo500AndNoSessionLeft() throws Exception {
        Account account = newUser();
        String staffToken = tokenOf(newStaff());

        List<ApiResponse> responses = race(List.of(
                () -> login(account.email(), PASSWORD),
                () -> api.delete("/api/users/" + account.id() + "/", staffToken)));

        assertThat(responses.get(0).status()).as(responses.get(0).toString()).isIn(200, 401);
        assertThat(responses.get(1).status()).isEqualTo(204);
        assertThat(liveSessions(account.id())).isZero();
    }

    @RepeatedTest(5)
    void loginRacingDeactivationThenNoSessionLeft() throws Exception {
        Account account = newUser();
        String staffToken = tokenOf(newStaff());

        List<ApiResponse> responses = race(List.of(
                () -> login(account.email(), PASSWORD),
                () -> api.patchJson("/api/users/" + account.id() + "/", staffToken, Map.of("is_active", false))));

        assertThat(responses.get(0).status()).isIn(200, 403);
        assertThat(liveSessions(account.id())).isZero();
    }

    private long liveSessions(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM sessions WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** Runs the request on as many threads at once, released together. */
    private static List<ApiResponse> race(int parallel, Supplier<ApiResponse> request) throws Exception {
        return race(Collections.nCopies(parallel, request));
    }

    /** Runs each request on its own thread, all released together; answers in the same order. */
    private static List<ApiResponse> race(List<Supplier<ApiResponse>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> futures = new ArrayList<>();
            for (Supplier<ApiResponse> request : requests) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.get();
                }));
            }
            ready.await();
            go.countDown();
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }
}
