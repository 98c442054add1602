package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Keyhold nodes against one PostgreSQL behave as one service (SPEC §11): tokens, logouts,
 * lockouts and the one-session rule hold across them.
 */
@OnPostgres
class MultiNodeTest {

    private static final String PASSWORD = "Two-nodes-one-db-1";
    private static String database;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoNodes() {
        database = TestDatabase.createPostgresDatabase();
        nodeA = start();
        nodeB = start();
        a = new Api(port(nodeA));
        b = new Api(port(nodeB));
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        TestDatabase.dropPostgresDatabase(database);
    }

    @Test
    void tokenFromOneNodeWorksOnTheOtherAndLogoutOnEitherEndsItEverywhere() {
        String email = signup();

        String token = a.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD))
                .text("token");

        assertThat(b.get("/api/users/me/", token).status()).isEqualTo(200);
        assertThat(b.post("/api/users/logout/", token).status()).isEqualTo(200);
        assertThat(a.get("/api/users/me/", token).status()).isEqualTo(401);
    }

    @Test
    void lockoutEarnedOnOneNodeHoldsOnTheOther() {
        String email = signup();
        for (int i = 0; i < 5; i++) {
            assertThat(a.postJson("/api/users/login/", null, Map.of("email", email, "password", "wrong-password"))
                            .status())
                    .isEqualTo(401);
        }

        assertThat(b.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(429);
    }

    @Test
    void twentyConcurrentLoginsOverBothNodesLeaveAtMostOneWorkingToken() throws Exception {
        String email = signup();
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<ApiResponse> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? a : b;
                futures.add(threads.submit(() -> {
                    go.await();
                    return node.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD));
                }));
            }
            go.countDown();
            for (Future<ApiResponse> future : futures) {
                responses.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(responses).allMatch(response -> response.status() == 200 || response.status() == 409);
        long working = responses.stream()
                .filter(response -> response.status() == 200)
                .map(response -> response.text("token"))
                .filter(token -> a.get("/api/users/me/", token).status() == 200)
                .count();
        assertThat(working).isLessThanOrEqualTo(1);
    }

    private static String signup() {
        String email = "node-" + System.nanoTime() + "@example.com";
        assertThat(a.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        return email;
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(KeyholdApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--management.server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + TestDatabase.postgresUrl(database),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.datasource.hikari.maximum-pool-size=8",
                        "--keyhold.passwords.hash-wait=60s",
                        "--keyhold.rate-limits.login=0",
                        "--keyhold.rate-limits.signup=0");
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
