package example.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest.Account;
import io.keyhold.testing.DeployedKeyhold;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §14 and the README's "Applications": a Spring Boot resource server pointed at Keyhold's
 * {@code POST /api/introspect/} by Boot's standard opaque-token properties, and nothing else,
 * accepts exactly the tokens Keyhold holds live, as the user they belong to, and no longer than
 * Keyhold does. Keyhold is the built jar; the resource server is a real Spring Boot application
 * in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceServerIT {

    private DeployedKeyhold keyhold;
    private DeployedKeyhold.Client client;
    private ConfigurableApplicationContext resourceServer;
    private Api application;

    @BeforeAll
    void start(@TempDir Path directory) {
        keyhold = DeployedKeyhold.start(directory);
        client = keyhold.newClient("Spring resource server");
        resourceServer = ResourceServerApplication.start(introspectionUri(), client.clientId(), client.secret());
        application = Api.otherServer(ResourceServerApplication.port(resourceServer));
    }

    @AfterAll
    void stop() {
        if (resourceServer != null) {
            resourceServer.close();
        }
        if (keyhold != null) {
            keyhold.close();
        }
    }

    @Test
    void liveTokenThen200AsTheUserItBelongsTo() {
        Account user = keyhold.newUser();
        Account staff = keyhold.newStaff();

        ApiResponse answer = application.get("/me", keyhold.login(user));
        ApiResponse staffAnswer = application.get("/me", keyhold.login(staff));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.text("name")).isEqualTo(String.valueOf(user.id()));
        JsonNode attributes = answer.json().path("attributes");
        assertThat(attributes.path("sub").asString()).isEqualTo(String.valueOf(user.id()));
        assertThat(attributes.path("username").asString()).isEqualTo(user.email());
        assertThat(attributes.path("email").asString()).isEqualTo(user.email());
        assertThat(attributes.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(attributes.path("is_staff").asBoolean()).isFalse();
        // Keyhold's iat and exp (seconds since the epoch) are times to Spring, a week apart by default.
        assertThat(Duration.between(
                        Instant.parse(attributes.path("iat").asString()),
                        Instant.parse(attributes.path("exp").asString())))
                .isEqualTo(Duration.ofDays(7));
        assertThat(staffAnswer.status()).isEqualTo(200);
        assertThat(staffAnswer.json().path("attributes").path("is_staff").asBoolean())
                .isTrue();
    }

    @Test
    void noTokenOrUnknownTokenThen401() {
        ApiResponse none = application.get("/me", null);
        ApiResponse unknown = application.get("/me", "A".repeat(43));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void tokenAfterLogoutThen401AtTheVeryNextRequest() {
        String token = keyhold.login(keyhold.newUser());
        assertThat(application.get("/me", token).status()).isEqualTo(200);

        keyhold.logout(token);

        ApiResponse after = application.get("/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void tokenOfDeactivatedUserThen401() {
        Account user = keyhold.newUser();
        String token = keyhold.login(user);
        assertThat(application.get("/me", token).status()).isEqualTo(200);

        keyhold.deactivate(user);

        assertThat(application.get("/me", token).status()).isEqualTo(401);
    }

    /**
     * Keyhold answers the bad client 401; Spring's introspector takes any answer but 200 for a
     * failure of the service, logs it with the introspection URL (and no secret) and fails the
     * request, which Boot's error dispatch answers 401. Nobody gets in with a live token.
     */
    @Test
    void wrongClientSecretThenTheResourceServerLetsNobodyIn() {
        String token = keyhold.login(keyhold.newUser());
        // One character off: a secret that already starts with "x" gets a "y".
        String wrongSecret =
                (client.secret().startsWith("x") ? "y" : "x") + client.secret().substring(1);

        try (ConfigurableApplicationContext misconfigured =
                ResourceServerApplication.start(introspectionUri(), client.clientId(), wrongSecret)) {
            ApiResponse answer = Api.otherServer(ResourceServerApplication.port(misconfigured))
                    .get("/me", token);

            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(wrongSecret, client.secret());
        }
        assertThat(application.get("/me", token).status()).isEqualTo(200);
    }

    private String introspectionUri() {
        return keyhold.url("/api/introspect/");
    }
}
