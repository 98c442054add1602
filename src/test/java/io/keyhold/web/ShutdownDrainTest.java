package io.keyhold.web;

import static io.keyhold.testing.ApiTest.PASSWORD;
import static io.keyhold.testing.ApiTest.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.KeyholdProcess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a running node, as a container orchestrator sends it: readiness goes down first
 * while the node keeps serving, each answer closing its connection, and only then does the
 * process finish and exit.
 */
class ShutdownDrainTest {

    @Test
    void sigtermWhenServingThenReadinessDownFirstAndRequestsStillAnsweredWithConnectionClose() {
        try (var keyhold = KeyholdProcess.start(List.of(
                // Long enough that the checks below run well inside it on a busy machine.
                "--keyhold.shutdown.drain=15s", "--spring.datasource.url=jdbc:h2:mem:drain"))) {
            ApiResponse before = signup(keyhold);
            assertThat(before.status()).isEqualTo(201);
            assertThat(before.header("Connection")).isNull();

            keyhold.terminate();

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> keyhold.management()
                                    .get("/actuator/health/readiness", null)
                                    .status()
                            == 503);
            ApiResponse during = signup(keyhold);
            assertThat(during.status()).as(during.toString()).isEqualTo(201);
            assertThat(during.header("Connection")).isEqualTo("close");
            assertThat(keyhold.isAlive()).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> !keyhold.isAlive());
            assertThat(publicPortAnswers(keyhold)).isFalse();
        }
    }

    private static ApiResponse signup(KeyholdProcess keyhold) {
        return keyhold.api().postJson("/api/users/", null, Map.of("email", uniqueEmail(), "password", PASSWORD));
    }

    /** Whether the public port still answers once the process is gone: it must not. */
    private static boolean publicPortAnswers(KeyholdProcess keyhold) {
        try {
            keyhold.api().get("/api/users/me/", null);
            return true;
        } catch (UncheckedIOException refused) {
            return false;
        }
    }
}
