package io.keyhold.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The audit trail: an event for each action, with actor, IP and agent, and never a secret. */
@ExtendWith(OutputCaptureExtension.class)
abstract class AuditTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AuditLog auditLog;

    private String staffToken;

    @BeforeEach
    void staff() {
        staffToken = tokenOf(newStaff());
    }

    @Test
    void accountLifeWritesEveryEventWithActorIpAndAgent() {
        String email = uniqueEmail();
        ApiResponse created = api.send(
                "POST",
                "/api/users/",
                Map.of("Content-Type", "application/json", "User-Agent", "Audit-Agent/1"),
                ("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
        long id = created.id();
        login(email, "wrong-password");
        String token = login(email, PASSWORD).text("token");
        api.patchJson("/api/users/me/", token, Map.of("name", "Audited"));
        api.postJson(
                "/api/users/me/password/",
                token,
                Map.of("current_password", PASSWORD, "new_password", "Audit-new-pass-1"));
        api.post("/api/users/logout/", token);
        api.delete("/api/users/" + id + "/", staffToken);

        JsonNode events = api.get("/api/audit/?user_id=" + id + "&page_size=100", staffToken)
                .json()
                .get("results");

        assertThat(types(events))
                .containsExactly(
                        "user_deleted",
                        "logout",
                        "password_changed",
                        "user_updated",
                        "login_succeeded",
                        "login_failed",
                        "email_verification_sent",
                        "signup");
        JsonNode signup = events.get(events.size() - 1);
        assertThat(signup.get("user_agent").asString()).isEqualTo("Audit-Agent/1");
        assertThat(signup.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(events.get(3).get("detail").asString()).isEqualTo("fields: name");
        assertThat(events.get(3).get("actor_id").asLong()).isEqualTo(id);
        assertThat(events.get(0).get("actor_id").asLong()).isNotEqualTo(id);
        assertThat(events.get(0).propertyNames())
                .containsExactly("id", "at", "type", "user_id", "actor_id", "ip", "user_agent", "detail");
    }

    @Test
    void lockoutAndUnknownAddressesAreRecorded() {
        Account account = newUser();
        for (int i = 0; i < 5; i++) {
            login(account.email(), "wrong-password");
        }
        login(uniqueEmail(), "wrong-password");

        List<String> mine = types(api.get("/api/audit/?user_id=" + account.id(), staffToken)
                .json()
                .get("results"));
        JsonNode failures = api.get("/api/audit/?type=login_failed&page_size=100", staffToken)
                .json()
                .get("results");

        assertThat(mine).startsWith("account_locked").contains("login_failed");
        assertThat(failures).anySatisfy(event -> {
            assertThat(event.get("user_id").isNull()).isTrue();
            assertThat(event.get("detail").asString()).isEqualTo("no such account");
        });
    }

    @Test
    void resetAndVerificationAreRecorded(CapturedOutput output) {
        String email = uniqueEmail();
        long id = signup(Map.of("email", email, "password", PASSWORD)).id();
        api.postJson("/api/users/password-reset/", null, Map.of("email", email));
        api.postJson("/api/users/password-reset/", null, Map.of("email", uniqueEmail()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("to " + email + ", subject \"Reset[\\s\\S]*reset-password\\?token="));
        String resetToken = lastToken(output.getOut(), "reset-password?token=");
        String verifyToken = lastToken(output.getOut(), "verify-email?token=");

        api.postJson(
                "/api/users/password-reset/confirm/",
                null,
                Map.of("token", resetToken, "new_password", "Audit-reset-2"));
        ApiResponse verified = api.postJson("/api/users/verify-email/", null, Map.of("token", verifyToken));
        assertThat(verified.status())
                .as(verified.toString() + " token " + verifyToken)
                .isEqualTo(204);

        List<String> types = types(api.get("/api/audit/?user_id=" + id + "&page_size=100", staffToken)
                .json()
                .get("results"));
        assertThat(types).contains("password_reset_requested", "password_reset", "password_changed", "email_verified");
        assertThat(api.get("/api/audit/?type=password_reset_requested", staffToken)
                        .json()
                        .get("results"))
                .anySatisfy(event -> assertThat(event.get("user_id").isNull()).isTrue());
    }

    @Test
    void noEventEverHoldsAPasswordHashOrToken() {
        Account account = newUser();
        String token = tokenOf(account);
        api.postJson(
                "/api/users/me/password/",
                token,
                Map.of("current_password", PASSWORD, "new_password", "Secret-in-flight-3"));
        api.patchJson(
                "/api/users/me/",
                token,
                Map.of("password", "Another-secret-4", "current_password", "Secret-in-flight-3"));
        login(account.email(), "Wrong-secret-5");

        List<String> everything = jdbc.sql("SELECT * FROM audit_events")
                .query((row, number) -> {
                    List<String> columns = new ArrayList<>();
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        columns.add(String.valueOf(row.getObject(column)));
                    }
                    return String.join("|", columns);
                })
                .list();

        assertThat(everything)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("Secret-in-flight-3")
                        .doesNotContain("Another-secret-4")
                        .doesNotContain("Wrong-secret-5")
                        .doesNotContain(token)
                        .doesNotContain("argon2")
                        .doesNotContain("pbkdf2"));
    }

    @Test
    void auditIsForStaffWithFiltersAndPages() {
        Account user = newUser();

        assertThat(api.get("/api/audit/", null).status()).isEqualTo(401);
        assertThat(api.get("/api/audit/", tokenOf(user)).status()).isEqualTo(403);
        ApiResponse page = api.get("/api/audit/?page_size=2", staffToken);
        assertThat(page.json().propertyNames()).containsExactly("count", "next", "previous", "results");
        assertThat(page.json().get("results").size()).isEqualTo(2);
        assertThat(api.get("/api/audit/?type=nonsense", staffToken).fieldErrors("type"))
                .hasSize(1);
        assertThat(api.get("/api/audit/?since=yesterday", staffToken).fieldErrors("since"))
                .hasSize(1);
        assertThat(api.get("/api/audit/?user_id=x", staffToken).status()).isEqualTo(400);
        assertThat(api.get("/api/audit/?since=2999-01-01T00:00:00Z", staffToken)
                        .json()
                        .get("count")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/audit/?until=2000-01-01T00:00:00Z", staffToken)
                        .json()
                        .get("count")
                        .asLong())
                .isZero();
    }

    @Test
    void eventsOlderThanTheRetentionArePruned() {
        Account account = newUser();
        login(account.email(), "wrong-password");
        long before = countFor(account.id());

        clock.advance(Duration.ofDays(91));
        auditLog.pruneOld();

        assertThat(before).isPositive();
        assertThat(countFor(account.id())).isZero();
    }

    private long countFor(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("type").asString()));
        return types;
    }

    private static String lastToken(String log, String marker) {
        int at = log.lastIndexOf(marker);
        return log.substring(at + marker.length(), at + marker.length() + 43);
    }
}
