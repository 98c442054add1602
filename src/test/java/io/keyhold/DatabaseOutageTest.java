package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.TcpRelay;
import io.keyhold.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL goes away under a running Keyhold and comes back (SPEC §11): meanwhile every request
 * that needs it gets a 503 with {@code Retry-After} and readiness reports down while liveness stays
 * up; afterwards the same process serves again, without a restart.
 */
@OnPostgres
class DatabaseOutageTest {

    private static final String PASSWORD = "Outage-and-back-7";
    private static String database;
    private static TcpRelay relay;
    private static ConfigurableApplicationContext node;
    private static Api api;
    private static Api management;

    @BeforeAll
    static void startBehindARelay() {
        database = TestDatabase.createPostgresDatabase();
        relay = new TcpRelay(5432);
        node = new SpringApplicationBuilder(KeyholdApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--management.server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + database,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--keyhold.rate-limits.login=0",
                        "--keyhold.rate-limits.signup=0");
        api = new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        management = Api.management(Integer.parseInt(node.getEnvironment().getProperty("local.management.port")));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
        TestDatabase.dropPostgresDatabase(database);
    }

    @Test
    void whileTheDatabaseIsAwayRequestsGet503AndAfterwardsTheyAreServedAgain() {
        String email = "outage@example.com";
        assertThat(api.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        String token = api.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD))
                .text("token");
        assertThat(api.get("/api/users/me/", token).status()).isEqualTo(200);

        relay.cut();

        ApiResponse me = api.get("/api/users/me/", token);
        assertThat(me.status()).isEqualTo(503);
        assertThat(me.header("Retry-After")).isEqualTo("5");
        assertThat(me.error()).isEqualTo("Service temporarily unavailable.");
        assertThat(me.body()).doesNotContain("Exception", "jdbc", "Connection");
        ApiResponse signup =
                api.postJson("/api/users/", null, Map.of("email", "during@example.com", "password", PASSWORD));
        assertThat(signup.status()).isEqualTo(503);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);

        relay.restore();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/users/me/", token).status() == 200);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.postJson("/api/users/", null, Map.of("email", "after@example.com", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
    }
}
