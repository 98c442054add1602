package io.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Login, tokens, logout and expiry under the default {@code single} policy. */
abstract class LoginApiTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void loginThenTokenExpiryAndUser() {
        Account account = newUser();

        ApiResponse response = login(account.email(), PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("token", "expires_at", "user");
        assertThat(response.text("token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(response.text("expires_at")))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(response.json().get("user").get("id").asLong()).isEqualTo(account.id());
    }

    @Test
    void loginWithOtherCaseOfEmailThen200() {
        Account account = newUser();

        assertThat(login(account.email().toUpperCase(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void loginByFormBodyThen200() {
        Account account = newUser();

        ApiResponse response = api.postForm(
                "/api/users/login",
                null,
                "email=" + account.email().replace("@", "%40") + "&password=" + PASSWORD.replace("&", "%26"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void tokenIsStoredOnlyAsItsSha256() throws Exception {
        String token = tokenOf(newUser());
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));

        List<String> stored =
                jdbc.sql("SELECT token_hash FROM sessions").query(String.class).list();

        assertThat(stored).contains(sha256).doesNotContain(token);
    }

    @Test
    void loginWhenWrongPasswordOrUnknownEmailThenIdentical401() {
        Account account = newUser();

        ApiResponse wrongPassword = login(account.email(), "not-the-password");
        ApiResponse unknownEmail = login(uniqueEmail(), "not-the-password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.error()).isEqualTo("Invalid email or password");
        assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownEmail.allHeaders().keySet())
                .isEqualTo(wrongPassword.allHeaders().keySet());
    }

    @Test
    void loginWhenEmailMalformedThen400InvalidEmailFormat() {
        ApiResponse response = login("nobody", PASSWORD);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid email format");
    }

    @Test
    void loginWhenPasswordShortThen400SeedMessage() {
        ApiResponse response = login(uniqueEmail(), "short");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Password must be at least 8 characters long");
    }

    @Test
    void loginWhenFieldsMissingThen400NotA500() {
        ApiResponse response = api.postJson("/api/users/login/", null, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("email")).containsExactly("This field is required.");
        assertThat(response.fieldErrors("password")).containsExactly("This field is required.");
    }

    @Test
    void loginWhenMalformedThen400AndCountedAsAnInvalidLogin() {
        double before = loginsCounted("invalid");

        ApiResponse response = api.postJson("/api/users/login/", null, Map.of("email", List.of(), "password", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(loginsCounted("invalid")).isEqualTo(before + 1);
    }

    @Test
    void loginWhenAlreadyLoggedInThen409AndOldTokenEndsAndNextLoginSucceeds() {
        Account account = newUser();
        String first = tokenOf(account);

        ApiResponse second = login(account.email(), PASSWORD);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("User already logged in");
        assertThat(api.get("/api/users/me", first).status()).isEqualTo(401);
        String third = tokenOf(account);
        assertThat(api.get("/api/users/me", third).status()).isEqualTo(200);
    }

    @Test
    void tokenWorksWithBearerAndDrfTokenScheme() {
        String token = tokenOf(newUser());

        assertThat(api.send("GET", "/api/users/me", Map.of("Authorization", "Token " + token), null)
                        .status())
                .isEqualTo(200);
        assertThat(api.send("GET", "/api/users/me", Map.of("Authorization", "bearer " + token), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownTokenThen401WithChallengeEvenOnPublicEndpoint() {
        ApiResponse response = api.postJson("/api/users/", "A".repeat(43), Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.error()).isEqualTo("Invalid token.");
    }

    @Test
    void meWithoutTokenThen401() {
        ApiResponse response = api.get("/api/users/me/", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void logoutThenTokenEndsAndLoginSucceedsAgain() {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.post("/api/users/logout/", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("message")).isEqualTo("User logged out successfully");
        assertThat(api.get("/api/users/me", token).status()).isEqualTo(401);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logoutByIdWithGetOrPostEndsTheUsersSessions() {
        Account account = newUser();
        String token = tokenOf(account);

        assertThat(api.get("/api/users/logout/" + account.id() + "/", token).text("message"))
                .isEqualTo("User logged out successfully");
        assertThat(api.get("/api/users/me", token).status()).isEqualTo(401);

        String again = tokenOf(account);
        assertThat(api.post("/api/users/logout/" + account.id(), tokenOf(newStaff()))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/users/me", again).status()).isEqualTo(401);
    }

    @Test
    void logoutByUnknownIdThen404UserDoesNotExist() {
        String token = tokenOf(newStaff());

        ApiResponse response = api.post("/api/users/logout/987654321/", token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("User does not exist");
    }

    @Test
    void logoutByIdThatIsNoNumberThen404UserDoesNotExist() {
        ApiResponse response = api.post("/api/users/logout/abc/", tokenOf(newStaff()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("User does not exist");
    }

    @Test
    void loginRecordsLastLogin() {
        Account account = newUser();

        tokenOf(account);

        assertThat(userAccounts.findById(account.id()).orElseThrow().lastLogin())
                .isNotNull();
    }

    @Test
    void tokenUnusedLongerThanIdleTimeoutThen401() {
        String token = tokenOf(newUser());

        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(api.get("/api/users/me", token).status()).isEqualTo(401);
    }

    @Test
    void tokenInRegularUseLivesUntilAbsoluteTimeout() {
        String token = tokenOf(newUser());
        for (int day = 6; day < 30; day += 6) {
            clock.advance(Duration.ofDays(6));
            assertThat(api.get("/api/users/me", token).status())
                    .as("day %d", day)
                    .isEqualTo(200);
        }

        clock.advance(Duration.ofDays(6));

        assertThat(api.get("/api/users/me", token).status()).isEqualTo(401);
    }

    @Test
    void lastUsedAtIsWrittenAtMostOncePerMinute() {
        Account account = newUser();
        String token = tokenOf(account);
        Instant created = lastUsedAt(account.id());

        clock.advance(Duration.ofSeconds(30));
        api.get("/api/users/me", token);
        assertThat(lastUsedAt(account.id())).isEqualTo(created);

        clock.advance(Duration.ofSeconds(31));
        api.get("/api/users/me", token);
        assertThat(lastUsedAt(account.id())).isAfter(created.plusSeconds(60));
    }

    @Test
    void expiredSessionNoLongerCountsForSinglePolicy() {
        Account account = newUser();
        tokenOf(account);

        clock.advance(Duration.ofDays(8));

        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    private Instant lastUsedAt(long userId) {
        return jdbc.sql("SELECT last_used_at FROM sessions WHERE user_id = ?")
                .param(userId)
                .query((row, number) -> row.getObject(1, OffsetDateTime.class).toInstant())
                .single();
    }

    /** The {@code keyhold.logins} counter of one outcome, as Prometheus reads it. */
    private double loginsCounted(String outcome) {
        String metrics = management.get("/actuator/prometheus", null).body();
        Matcher counted = Pattern.compile("(?m)^keyhold_logins_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
    }
}
