package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP conventions of SPEC §2: slashes, media types, sizes, methods and error bodies. */
abstract class ProtocolTests extends ApiTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final List<String> HIDDEN_ACTUATOR_PATHS = List.of(
            "/actuator",
            "/actuator/env",
            "/actuator/beans",
            "/actuator/configprops",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/loggers",
            "/actuator/metrics",
            "/actuator/info",
            "/",
            "/api/users/",
            "/admin/",
            "/docs");
    private static final List<String> ACTUATOR_PATHS = Stream.concat(
                    Stream.of(
                            "/actuator/health",
                            "/actuator/health/readiness",
                            "/actuator/health/liveness",
                            "/actuator/prometheus"),
                    HIDDEN_ACTUATOR_PATHS.stream().filter(path -> path.startsWith("/actuator")))
            .toList();

    @ParameterizedTest
    @CsvSource({
        "GET, /api/users/me, 200",
        "GET, /api/users/me/, 200",
        "GET, /api/users/{id}, 200",
        "GET, /api/users/{id}/, 200",
        "PATCH, /api/users/me, 200",
        "PATCH, /api/users/{id}/, 200",
        "POST, /api/users/logout, 200",
        "POST, /api/users/logout/, 200",
    })
    void everyPathAnswersWithAndWithoutTrailingSlash(String method, String path, int status) {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.send(
                method,
                path.replace("{id}", String.valueOf(account.id())),
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Location")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/users/"})
    void signupAnswersWithAndWithoutTrailingSlash(String path) {
        ApiResponse response = api.postJson(path, null, Map.of("email", uniqueEmail(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users/login", "/api/users/login/"})
    void loginAnswersWithAndWithoutTrailingSlash(String path) {
        Account account = newUser();

        ApiResponse response = api.postJson(path, null, Map.of("email", account.email(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void bodyOfExactly64KibIsReadAndOneByteMoreIs413() {
        byte[] exact = paddedJson(65_536);
        byte[] over = paddedJson(65_537);

        ApiResponse read = api.send("POST", "/api/users/", JSON, exact);
        ApiResponse refused = api.send("POST", "/api/users/", JSON, over);

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.fieldErrors("email")).containsExactly("This field is required.");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeThen415() {
        ApiResponse response =
                api.send("POST", "/api/users/", Map.of("Content-Type", "text/plain"), "hello".getBytes());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error()).isEqualTo("Unsupported media type \"text/plain\" in request.");
    }

    @Test
    void malformedJsonThen400() {
        ApiResponse response = api.send("POST", "/api/users/login/", JSON, "{\"email\": ".getBytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
    }

    @Test
    void jsonThatIsNotAnObjectThen400() {
        ApiResponse response = api.send("POST", "/api/users/", JSON, "[\"a\"]".getBytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid data. Expected a dictionary, but got list.");
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/users/login/, POST",
        "PUT, /api/users/logout/, POST",
        "POST, /api/users/me/, 'GET,PUT,PATCH,DELETE'"
    })
    void unsupportedMethodThen405WithAllow(String method, String path, String allowed) {
        ApiResponse response = api.send(method, path, Map.of(), null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow").split(",\\s*")).containsExactlyInAnyOrder(allowed.split(","));
        assertThat(response.error()).isEqualTo("Method \"" + method + "\" not allowed.");
    }

    @Test
    void sameFailureTwiceThenByteIdenticalBodies() {
        ApiResponse first = login("nobody@example.com", "wrong-password");
        ApiResponse second = login("nobody@example.com", "wrong-password");

        assertThat(first.body()).isEqualTo(second.body());
        assertThat(first.json().propertyNames()).containsExactly("type", "title", "status", "error");
    }

    @Test
    void unknownPathAndNonNumericIdThen404ProblemJson() {
        String token = tokenOf(newStaff());

        assertThat(api.get("/api/nothing-here", token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/abc/", token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/99999999999999999999999/", token).status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/abc/", token).header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void managementPortShowsHealthAndMetricsOnly() {
        assertThat(management.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        for (String hidden : HIDDEN_ACTUATOR_PATHS) {
            ApiResponse refused = management.get(hidden, null);
            assertThat(refused.status()).as(hidden).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(hidden).startsWith("application/problem+json");
        }
    }

    @Test
    void publicPortServesNoActuatorEndpointAtAll() {
        for (String path : ACTUATOR_PATHS) {
            ApiResponse refused = api.get(path, null);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(refused.body()).as(path).doesNotContain("UP", "jvm_", "keyhold_");
        }
    }

    @Test
    void prometheusShowsLoginOutcomesSignupsSessionsAndHashing() {
        Account account = newUser();
        tokenOf(account);
        login(account.email(), "wrong-password");
        signup(Map.of("email", uniqueEmail(), "password", PASSWORD));

        String metrics = management.get("/actuator/prometheus", null).body();

        assertThat(metrics)
                .contains("keyhold_logins_total{outcome=\"success\"")
                .contains("keyhold_logins_total{outcome=\"bad_credentials\"")
                .contains("keyhold_signups_total")
                .contains("keyhold_lockouts_total")
                .contains("keyhold_sessions_live")
                .contains("keyhold_passwords_hash_seconds_count")
                .contains("keyhold_passwords_hash_wait_seconds_count");
        // The gauge is a query: a broken one would show NaN, not a count of live sessions.
        Matcher live = Pattern.compile("(?m)^keyhold_sessions_live\\S* (\\S+)$").matcher(metrics);
        assertThat(live.find()).isTrue();
        assertThat(Double.parseDouble(live.group(1))).isGreaterThanOrEqualTo(1.0);
    }

    /** A JSON object of exactly {@code size} bytes that Keyhold reads as a signup without an email. */
    private static byte[] paddedJson(int size) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }
}
