package io.keyhold.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.passwords.Passwords;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration suites: a real Keyhold on a random local port over a database of its
 * own (H2 unless the subclass is {@link OnPostgres}), spoken to over real HTTP, with a clock the
 * test can move. Its management port (health and metrics) is another random local port.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "management.server.port=0",
            "management.server.address=127.0.0.1",
            // Concurrency tests queue many hashes on two cores; they test outcomes, not speed.
            "keyhold.passwords.hash-wait=60s",
            "spring.datasource.hikari.maximum-pool-size=8",
            // Spring keeps up to 32 contexts alive between suites, each with its own pool, and
            // PostgreSQL allows 100 connections: an idle context keeps one connection, not eight.
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.idle-timeout=10000",
            // One client (127.0.0.1) makes every request here; the limit has tests of its own.
            "keyhold.rate-limits.password-reset=0",
            "keyhold.rate-limits.login=0",
            "keyhold.rate-limits.signup=0",
            // Test contexts close at the end of the run with nobody to drain away from.
            "keyhold.shutdown.drain=0s",
            // Generated on first use, as on a fresh embedded install, but not in the working copy's data/.
            "keyhold.mfa.key-file=target/test-data/mfa-encryption.key",
            // Webhook receivers of the tests listen on 127.0.0.1 over plain HTTP; the target rules
            // have a suite of their own (WebhookTargetsTest).
            "keyhold.webhooks.allow-private-targets=true"
        })
@ContextConfiguration(initializers = TestDatabase.class)
@Import(TestClockConfig.class)
public abstract class ApiTest {

    public static final String PASSWORD = "Tr0ub4dor&3-horse";
    /** {@code keyhold.public-url} unless a suite sets its own: absolute links start with it, whatever the port. */
    public static final String PUBLIC_URL = "http://localhost:8000";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile String passwordHash;

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected UserAccounts userAccounts;

    @Autowired
    private UserFixtures userFixtures;

    @Autowired
    private Passwords passwords;

    protected Api api;

    /** The management port: health and metrics. */
    protected Api management;

    /** An account made for one test, with the password that logs it in. */
    public record Account(long id, String email, String password) {}

    @BeforeEach
    void connect() {
        api = new Api(port);
        management = Api.management(managementPort);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    public static String uniqueEmail() {
        return "user" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected Account newUser() {
        return insert(false, false);
    }

    protected Account newStaff() {
        return insert(true, false);
    }

    protected Account newSuperuser() {
        return insert(true, true);
    }

    /** Inserted directly, with one hash computed per run: fixtures need not pay a hash each. */
    private Account insert(boolean staff, boolean superuser) {
        if (passwordHash == null) {
            passwordHash = passwords.hash(PASSWORD);
        }
        String email = uniqueEmail();
        Instant now = Instant.now();
        User user = userFixtures.insert(new User(
                0, email, "Test User", null, null, passwordHash, true, staff, superuser, false, null, now, now));
        return new Account(user.id(), email, PASSWORD);
    }

    protected ApiResponse login(String email, String password) {
        return api.postJson("/api/users/login/", null, Map.of("email", email, "password", password));
    }

    /** A login that a proxy says it forwards for {@code forwardedFor}. */
    protected ApiResponse loginFrom(String forwardedFor, String email, String password) {
        String body = JSON.writeValueAsString(Map.of("email", email, "password", password));
        return api.send(
                "POST",
                "/api/users/login/",
                Map.of("Content-Type", "application/json", "X-Forwarded-For", forwardedFor),
                body.getBytes(StandardCharsets.UTF_8));
    }

    protected String tokenOf(Account account) {
        ApiResponse response = login(account.email(), account.password());
        assertThat(response.status())
                .as("login of %s: %s", account.email(), response)
                .isEqualTo(200);
        return response.text("token");
    }

    /** RFC 7662 introspection as an application sends it: the client's credentials by HTTP Basic. */
    protected ApiResponse introspect(String clientId, String clientSecret, String token) {
        String basic =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return api.send(
                "POST",
                "/api/introspect/",
                Map.of("Authorization", "Basic " + basic, "Content-Type", "application/x-www-form-urlencoded"),
                ("token=" + token).getBytes(StandardCharsets.UTF_8));
    }

    protected ApiResponse signup(Map<String, ?> body) {
        return api.postJson("/api/users/", null, body);
    }
}
