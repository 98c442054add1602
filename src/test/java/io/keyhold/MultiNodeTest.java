package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.InProcessNode;
import io.keyhold.testing.OnPostgres;
import io.keyhold.testing.SoftwareAuthenticator;
import io.keyhold.testing.TestDatabase;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Keyhold nodes against one PostgreSQL behave as one service (SPEC §11): tokens, logouts,
 * lockouts, the one-session rule and passkey ceremonies hold across them. Both share the public
 * URL (so the WebAuthn relying party) and the second factors' encryption key, as a deployment must.
 */
@OnPostgres
class MultiNodeTest {

    private static final String PASSWORD = "Two-nodes-one-db-1";
    private static final String ORIGIN = "http://localhost:8000";
    private static final String RP_ID = "localhost";
    private static final String MFA_KEY = newKey();
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        a = new Api(InProcessNode.port(nodeA));
        b = new Api(InProcessNode.port(nodeB));
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

    @Test
    void passkeyBegunOnOneNodeIsAddedOnTheOther() {
        String token = tokenOf(signup());
        ApiResponse options =
                a.postJson("/api/users/me/passkeys/options/", token, Map.of("current_password", PASSWORD));

        ApiResponse added = addPasskey(b, token, options, new SoftwareAuthenticator());

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("recovery_codes")).hasSize(10);
        assertThat(a.get("/api/users/me/mfa/", token).json().get("passkeys")).hasSize(1);
    }

    @Test
    void secondFactorLoginWhosePasswordStepRanOnOneNodeEndsOnTheOther() {
        String email = signup();
        SoftwareAuthenticator authenticator = enrol(email);

        ApiResponse passwordStep = a.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD));
        assertThat(passwordStep.status()).as(passwordStep.toString()).isEqualTo(401);
        String mfaToken = passwordStep.text("mfa_token");
        JsonNode publicKey = b.postJson("/api/users/login/mfa/webauthn-options/", null, Map.of("mfa_token", mfaToken))
                .json()
                .get("publicKey");
        ApiResponse loggedIn = b.postJson(
                "/api/users/login/mfa/",
                null,
                Map.of("mfa_token", mfaToken, "credential", object(authenticator.get(publicKey, ORIGIN, RP_ID))));

        assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(200);
        assertThat(a.get("/api/users/me/", loggedIn.text("token")).text("email"))
                .isEqualTo(email);
    }

    @Test
    void passwordlessLoginBegunOnOneNodeEndsOnTheOtherAndItsAssertionIsSpentOnBoth() {
        String email = signup();
        SoftwareAuthenticator authenticator = enrol(email);
        ApiResponse options = a.post("/api/users/login/passkey/options/", null);
        String assertion = authenticator.get(options.json().get("publicKey"), ORIGIN, RP_ID);

        ApiResponse loggedIn = passwordless(b, options.text("flow_id"), assertion);

        assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(200);
        assertThat(a.get("/api/users/me/", loggedIn.text("token")).text("email"))
                .isEqualTo(email);
        assertThat(b.post("/api/users/logout/", loggedIn.text("token")).status())
                .isEqualTo(200);
        ApiResponse replayed = passwordless(a, options.text("flow_id"), assertion);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.error()).isEqualTo("Invalid passkey");
    }

    @Test
    void secondFactorAssertionAcceptedOnOneNodeIsRefusedOnTheOther() {
        String email = signup();
        SoftwareAuthenticator authenticator = enrol(email);
        String firstToken = a.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD))
                .text("mfa_token");
        JsonNode publicKey = a.postJson("/api/users/login/mfa/webauthn-options/", null, Map.of("mfa_token", firstToken))
                .json()
                .get("publicKey");
        String assertion = authenticator.get(publicKey, ORIGIN, RP_ID);
        ApiResponse used = a.postJson(
                "/api/users/login/mfa/", null, Map.of("mfa_token", firstToken, "credential", object(assertion)));
        assertThat(used.status()).as(used.toString()).isEqualTo(200);
        a.post("/api/users/logout/", used.text("token"));

        String secondToken = b.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD))
                .text("mfa_token");
        b.postJson("/api/users/login/mfa/webauthn-options/", null, Map.of("mfa_token", secondToken));
        ApiResponse replayed = b.postJson(
                "/api/users/login/mfa/", null, Map.of("mfa_token", secondToken, "credential", object(assertion)));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.error()).isEqualTo("Invalid code");
    }

    /** Adds a passkey to the account on node A, then logs out. */
    private static SoftwareAuthenticator enrol(String email) {
        String token = tokenOf(email);
        var authenticator = new SoftwareAuthenticator();
        ApiResponse options =
                a.postJson("/api/users/me/passkeys/options/", token, Map.of("current_password", PASSWORD));
        assertThat(addPasskey(a, token, options, authenticator).status()).isEqualTo(201);
        a.post("/api/users/logout/", token);
        return authenticator;
    }

    private static ApiResponse addPasskey(
            Api node, String token, ApiResponse options, SoftwareAuthenticator authenticator) {
        String credential = authenticator.create(options.json().get("publicKey"), ORIGIN, RP_ID);
        return node.postJson(
                "/api/users/me/passkeys/",
                token,
                Map.of("flow_id", options.text("flow_id"), "credential", object(credential), "name", "Phone"));
    }

    private static ApiResponse passwordless(Api node, String flowId, String assertion) {
        return node.postJson(
                "/api/users/login/passkey/", null, Map.of("flow_id", flowId, "credential", object(assertion)));
    }

    private static String tokenOf(String email) {
        ApiResponse login = a.postJson("/api/users/login/", null, Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("token");
    }

    private static Map<?, ?> object(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String signup() {
        String email = "node-" + System.nanoTime() + "@example.com";
        assertThat(a.postJson("/api/users/", null, Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        return email;
    }

    private static ConfigurableApplicationContext start() {
        return InProcessNode.start(
                database, "--keyhold.public-url=" + ORIGIN, "--keyhold.mfa.encryption-key=" + MFA_KEY);
    }
}
