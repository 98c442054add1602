package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator who exposes every actuator endpoint still shows nothing but health and metrics:
 * environment, beans, heap and thread dumps, log levels stay refused on both ports.
 */
@TestPropertySource(properties = "management.endpoints.web.exposure.include=*")
class ActuatorExposureTest extends ApiTest {

    private static final List<String> REFUSED = List.of(
            "/actuator",
            "/actuator/env",
            "/actuator/beans",
            "/actuator/configprops",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/loggers",
            "/actuator/loggers/ROOT",
            "/actuator/metrics",
            "/actuator/mappings",
            "/actuator/conditions",
            "/actuator/scheduledtasks",
            "/actuator/sbom");

    @Test
    void everyEndpointExposedThenOnlyHealthAndMetricsAnswer() {
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        for (String path : REFUSED) {
            ApiResponse refused = management.get(path, null);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(api.get(path, null).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void everyEndpointExposedThenLogLevelsCannotBeChanged() {
        ApiResponse refused = management.postJson("/actuator/loggers/ROOT", null, Map.of("configuredLevel", "TRACE"));

        assertThat(refused.status()).isEqualTo(404);
    }
}
