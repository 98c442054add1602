package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.SoftwareAuthenticator;
import io.keyhold.time.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys over the API (SPEC §13), end to end against a software authenticator that makes real
 * attestations and assertions: adding and removing them, the second step of a login, and a login
 * with a passkey alone. {@code keyhold.public-url} is {@code http://localhost:8000}, so the RP id is
 * {@code localhost}.
 */
abstract class PasskeyApiTests extends ApiTest {

    static final String ORIGIN = PUBLIC_URL;
    static final String RP_ID = "localhost";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A user with a passkey, logged out: the authenticator that holds it and the recovery codes shown. */
    record Enrolled(Account account, SoftwareAuthenticator authenticator, long passkeyId, List<String> recoveryCodes) {}

    // Adding passkeys

    @Test
    void passkeyOptionsWhenCurrentPasswordMissingOrWrongThen400() {
        String token = tokenOf(newUser());

        ApiResponse missing = api.postJson("/api/users/me/passkeys/options/", token, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors("current_password")).containsExactly("This field is required.");
        ApiResponse wrong =
                api.postJson("/api/users/me/passkeys/options/", token, Map.of("current_password", "not-my-password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.fieldErrors("current_password"))
                .containsExactly("Your current password was entered incorrectly.");
    }

    @Test
    void passkeyOptionsThenAFlowAndCreationOptionsForTheCaller() {
        Account account = newUser();

        ApiResponse options = passkeyOptions(tokenOf(account));

        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        assertThat(options.text("flow_id")).matches("[0-9a-f]{64}");
        JsonNode publicKey = options.json().get("publicKey");
        assertThat(publicKey.get("rp").get("id").asString()).isEqualTo(RP_ID);
        assertThat(publicKey.get("user").get("name").asString()).isEqualTo(account.email());
        assertThat(publicKey.get("challenge").asString()).hasSize(43);
        assertThat(publicKey.get("excludeCredentials")).isEmpty();
    }

    @Test
    void firstPasskeyBringsRecoveryCodesAndTheSecondDoesNot() {
        String token = tokenOf(newUser());
        var phone = new SoftwareAuthenticator();
        var laptop = new SoftwareAuthenticator(SoftwareAuthenticator.Algorithm.EDDSA);

        ApiResponse options = passkeyOptions(token);
        ApiResponse first = api.postJson(
                "/api/users/me/passkeys/",
                token,
                Map.of(
                        "flow_id", options.text("flow_id"),
                        "credential",
                                credentialObject(phone.create(options.json().get("publicKey"), ORIGIN, RP_ID)),
                        "name", "Phone"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(PUBLIC_URL + "/api/users/me/mfa/");
        assertThat(first.text("name")).isEqualTo("Phone");
        assertThat(first.text("created_at")).isNotNull();
        assertThat(first.json().has("last_used_at")).isTrue();
        assertThat(first.text("last_used_at")).isNull();
        JsonNode codes = first.json().get("recovery_codes");
        assertThat(codes).hasSize(10);
        codes.forEach(code -> assertThat(code.asString()).matches("[2-9a-hjkmnp-z]{10}"));

        ApiResponse secondOptions = passkeyOptions(token);
        assertThat(secondOptions
                        .json()
                        .get("publicKey")
                        .get("excludeCredentials")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(phone.credentialId());
        String credential = laptop.create(secondOptions.json().get("publicKey"), ORIGIN, RP_ID);
        ApiResponse second = api.postForm(
                "/api/users/me/passkeys/",
                token,
                "flow_id=" + secondOptions.text("flow_id") + "&credential=" + formEncoded(credential) + "&name=Laptop");

        assertThat(second.status())
                .as("credential as JSON text in a form: %s", second)
                .isEqualTo(201);
        assertThat(second.text("name")).isEqualTo("Laptop");
        assertThat(second.json().has("recovery_codes")).isFalse();

        JsonNode factors = api.get("/api/users/me/mfa/", token).json();
        assertThat(factors.get("passkeys")
                        .valueStream()
                        .map(passkey -> passkey.get("name").asString())
                        .toList())
                .containsExactly("Phone", "Laptop");
        assertThat(factors.get("passkeys").get(0).get("id").asLong()).isEqualTo(first.id());
        assertThat(factors.get("passkeys").get(1).get("id").asLong()).isEqualTo(second.id());
        assertThat(factors.get("recovery_codes_left").asInt()).isEqualTo(10);
        assertThat(factors.get("totp").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void addPasskeyWhenFieldsMissingOrTheCredentialDoesNotVerifyThen400() {
        String token = tokenOf(newUser());
        ApiResponse options = passkeyOptions(token);
        JsonNode publicKey = options.json().get("publicKey");

        ApiResponse empty = api.postJson("/api/users/me/passkeys/", token, Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.fieldErrors("flow_id")).containsExactly("This field is required.");
        assertThat(empty.fieldErrors("credential")).containsExactly("This field is required.");
        assertThat(empty.fieldErrors("name")).containsExactly("This field is required.");

        String wrongOrigin = new SoftwareAuthenticator().create(publicKey, "http://localhost:8001", RP_ID);
        ApiResponse refused = addPasskey(token, options.text("flow_id"), wrongOrigin, "Phone");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("The passkey could not be verified.");
        assertThat(refused.fieldErrors("credential")).containsExactly("The passkey could not be verified.");
        assertThat(refused.body()).doesNotContain(wrongOrigin.substring(0, 40));

        String right = new SoftwareAuthenticator().create(publicKey, ORIGIN, RP_ID);
        assertThat(addPasskey(token, options.text("flow_id"), right, "Phone").status())
                .as("the flow was used up by the refused answer")
                .isEqualTo(400);
        assertThat(api.get("/api/users/me/mfa/", token).json().get("passkeys")).isEmpty();
    }

    // A passkey as the second factor

    @Test
    void aPasswordAloneGetsMfaRequiredWithWebauthnAndThePasskeyFinishesTheLogin() {
        Enrolled user = enrol(newUser());

        ApiResponse first = passwordStep(user.account());
        assertThat(first.error()).isEqualTo("Two-factor authentication required");
        assertThat(first.json()
                        .get("methods")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactlyInAnyOrder("webauthn", "recovery_code");
        String mfaToken = first.text("mfa_token");

        ApiResponse options = webauthnOptions(mfaToken);
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        JsonNode publicKey = options.json().get("publicKey");
        assertThat(publicKey.get("rpId").asString()).isEqualTo(RP_ID);
        assertThat(publicKey.get("userVerification").asString()).isEqualTo("preferred");
        assertThat(publicKey
                        .get("allowCredentials")
                        .valueStream()
                        .map(allowed -> allowed.get("id").asString())
                        .toList())
                .containsExactly(user.authenticator().credentialId());

        // As a second factor, presence suffices: no user verification.
        String assertion = user.authenticator().userVerified(false).get(publicKey, ORIGIN, RP_ID);
        ApiResponse second = api.postJson(
                "/api/users/login/mfa/",
                null,
                Map.of("mfa_token", mfaToken, "credential", credentialObject(assertion)));

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        String token = second.text("token");
        assertThat(api.get("/api/users/me/", token).text("email"))
                .isEqualTo(user.account().email());
        assertThat(api.get("/api/users/me/mfa/", token)
                        .json()
                        .get("passkeys")
                        .get(0)
                        .get("last_used_at")
                        .isNull())
                .isFalse();
        assertThat(secondFactor(mfaToken, assertion).error())
                .as("the mfa_token ends when used")
                .isEqualTo("Login expired, start again");
    }

    @Test
    void webauthnOptionsWhenMfaTokenMissingOrUnknownThenRefused() {
        ApiResponse missing = api.postJson("/api/users/login/mfa/webauthn-options/", null, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors("mfa_token")).containsExactly("This field is required.");

        ApiResponse unknown = webauthnOptions("x".repeat(43));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).isEqualTo("Login expired, start again");
    }

    @Test
    void secondFactorWhenAssertionFromAnotherOriginThenInvalidCode() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        JsonNode publicKey = webauthnOptions(mfaToken).json().get("publicKey");

        assertInvalidCode(
                secondFactor(mfaToken, user.authenticator().get(publicKey, "http://evil.localhost:8000", RP_ID)));
    }

    @Test
    void secondFactorWhenAssertionReplayedThenInvalidCode() {
        Enrolled user = enrol(newUser());
        String firstToken = passwordStep(user.account()).text("mfa_token");
        String assertion =
                user.authenticator().get(webauthnOptions(firstToken).json().get("publicKey"), ORIGIN, RP_ID);
        ApiResponse used = secondFactor(firstToken, assertion);
        assertThat(used.status()).isEqualTo(200);
        api.post("/api/users/logout/", used.text("token"));

        String mfaToken = passwordStep(user.account()).text("mfa_token");
        webauthnOptions(mfaToken);

        assertInvalidCode(secondFactor(mfaToken, assertion));
    }

    @Test
    void secondFactorWhenCounterGoesBackThenInvalidCode() {
        Enrolled user = enrol(newUser());
        user.authenticator().signCount(10);
        ApiResponse used = secondFactor(user.account(), user.authenticator());
        assertThat(used.status()).isEqualTo(200);
        api.post("/api/users/logout/", used.text("token"));

        assertInvalidCode(secondFactor(user.account(), user.authenticator().signCount(3)));
    }

    @Test
    void secondFactorWhenAnsweringThePasswordlessChallengeThenInvalidCode() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        webauthnOptions(mfaToken);
        JsonNode passwordless = passwordlessOptions().json().get("publicKey");

        assertInvalidCode(secondFactor(mfaToken, user.authenticator().get(passwordless, ORIGIN, RP_ID)));
    }

    @Test
    void secondFactorWhenAssertionBeforeAnyOptionsThenInvalidCode() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        JsonNode passwordless = passwordlessOptions().json().get("publicKey");

        assertInvalidCode(secondFactor(mfaToken, user.authenticator().get(passwordless, ORIGIN, RP_ID)));
    }

    @Test
    void fiveRefusedAssertionsEndTheMfaTokenAndLockTheAccount() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        for (int i = 0; i < 5; i++) {
            JsonNode publicKey = webauthnOptions(mfaToken).json().get("publicKey");
            assertInvalidCode(
                    secondFactor(mfaToken, user.authenticator().get(publicKey, "http://localhost:8001", RP_ID)));
        }

        ApiResponse options = webauthnOptions(mfaToken);
        assertThat(options.status()).isEqualTo(401);
        assertThat(options.error()).isEqualTo("Login expired, start again");
        ApiResponse late = secondFactor(mfaToken, "{\"id\":\"AA\"}");
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.error()).isEqualTo("Login expired, start again");
        assertThat(login(user.account().email(), PASSWORD).status())
                .as("five refused passkeys count as five failed logins")
                .isEqualTo(429);
    }

    @Test
    void aRecoveryCodeStandsInForTheLostPasskey() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");

        ApiResponse recovered = api.postJson(
                "/api/users/login/mfa/",
                null,
                Map.of(
                        "mfa_token",
                        mfaToken,
                        "recovery_code",
                        user.recoveryCodes().get(0)));

        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
    }

    // A passkey alone

    @Test
    void passwordlessWithAVerifiedPasskeyLogsIn() {
        Enrolled user = enrol(newUser());

        ApiResponse options = passwordlessOptions();
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.text("flow_id")).matches("[0-9a-f]{64}");
        JsonNode publicKey = options.json().get("publicKey");
        assertThat(publicKey.get("userVerification").asString()).isEqualTo("required");
        assertThat(publicKey.has("allowCredentials")).isFalse();

        ApiResponse loggedIn =
                passwordless(options.text("flow_id"), user.authenticator().get(publicKey, ORIGIN, RP_ID));

        assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(200);
        assertThat(loggedIn.text("token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(loggedIn.json().get("user").get("email").asString())
                .isEqualTo(user.account().email());
        assertThat(api.get("/api/users/me/", loggedIn.text("token")).id())
                .isEqualTo(user.account().id());
    }

    @Test
    void passwordlessWithoutUserVerificationThenInvalidPasskey() {
        Enrolled user = enrol(newUser());
        user.authenticator().userVerified(false);
        String refusedSince = Timestamps.format(clock.instant().minusSeconds(1));

        ApiResponse refused = passwordless(user.authenticator());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("Invalid passkey");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        JsonNode failures = api.get(
                        "/api/audit/?type=login_failed&since=" + refusedSince + "&page_size=100",
                        tokenOf(newSuperuser()))
                .json()
                .get("results");
        assertThat(failures.findValuesAsString("detail"))
                .as("a failed login, audited without a user")
                .contains("passkey not accepted");
    }

    @Test
    void passwordlessWhenAssertionReplayedThenInvalidPasskey() {
        Enrolled user = enrol(newUser());
        ApiResponse options = passwordlessOptions();
        String assertion = user.authenticator().get(options.json().get("publicKey"), ORIGIN, RP_ID);
        ApiResponse used = passwordless(options.text("flow_id"), assertion);
        assertThat(used.status()).isEqualTo(200);
        api.post("/api/users/logout/", used.text("token"));

        ApiResponse sameFlow = passwordless(options.text("flow_id"), assertion);
        assertThat(sameFlow.status()).isEqualTo(401);
        assertThat(sameFlow.error()).isEqualTo("Invalid passkey");
        ApiResponse newFlow = passwordless(passwordlessOptions().text("flow_id"), assertion);
        assertThat(newFlow.status()).isEqualTo(401);
        assertThat(newFlow.error()).isEqualTo("Invalid passkey");
    }

    @Test
    void passwordlessForAnotherRelyingPartyThenInvalidPasskey() {
        Enrolled user = enrol(newUser());
        ApiResponse options = passwordlessOptions();

        ApiResponse refused = passwordless(
                options.text("flow_id"),
                user.authenticator().get(options.json().get("publicKey"), ORIGIN, "example.com"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("Invalid passkey");
    }

    @Test
    void passwordlessWhenFieldsMissingThen400() {
        ApiResponse refused = api.postJson("/api/users/login/passkey/", null, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldErrors("flow_id")).containsExactly("This field is required.");
        assertThat(refused.fieldErrors("credential")).containsExactly("This field is required.");
    }

    @Test
    void passwordlessForADeactivatedUserThenAccountDisabled() {
        Enrolled user = enrol(newUser());
        ApiResponse deactivated = api.patchJson(
                "/api/users/" + user.account().id() + "/", tokenOf(newSuperuser()), Map.of("is_active", false));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);

        ApiResponse refused = passwordless(user.authenticator());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("Account is disabled");
    }

    @Test
    void passwordlessAppliesTheSessionPolicy() {
        Enrolled user = enrol(newUser());
        String live = passwordless(user.authenticator()).text("token");

        ApiResponse again = passwordless(user.authenticator());

        assertThat(again.status()).as("policy single").isEqualTo(409);
        assertThat(again.error()).isEqualTo("User already logged in");
        assertThat(api.get("/api/users/me/", live).status()).isEqualTo(401);
        assertThat(passwordless(user.authenticator()).status()).isEqualTo(200);
    }

    @Test
    void bothLoginsTakeTheCredentialAsJsonTextInAForm() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        JsonNode publicKey = webauthnOptions(mfaToken).json().get("publicKey");

        ApiResponse secondFactor = api.postForm(
                "/api/users/login/mfa/",
                null,
                "mfa_token=" + mfaToken + "&credential="
                        + formEncoded(user.authenticator().get(publicKey, ORIGIN, RP_ID)));
        assertThat(secondFactor.status()).as(secondFactor.toString()).isEqualTo(200);
        api.post("/api/users/logout/", secondFactor.text("token"));

        ApiResponse options = passwordlessOptions();
        ApiResponse passwordless = api.postForm(
                "/api/users/login/passkey/",
                null,
                "flow_id=" + options.text("flow_id") + "&credential="
                        + formEncoded(user.authenticator().get(options.json().get("publicKey"), ORIGIN, RP_ID)));
        assertThat(passwordless.status()).as(passwordless.toString()).isEqualTo(200);
    }

    // Removing passkeys

    @Test
    void removePasskeyNeedsTheCurrentPasswordAndOnlyTheCallersOwn() {
        Enrolled user = enrol(newUser());
        Enrolled other = enrol(newUser());
        String token = secondFactor(user.account(), user.authenticator()).text("token");
        String path = "/api/users/me/passkeys/" + user.passkeyId() + "/";

        ApiResponse missing = api.deleteJson(path, token, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors("current_password")).containsExactly("This field is required.");
        ApiResponse wrong = api.deleteJson(path, token, Map.of("current_password", "not-my-password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.fieldErrors("current_password"))
                .containsExactly("Your current password was entered incorrectly.");
        ApiResponse othersPasskey = api.deleteJson(
                "/api/users/me/passkeys/" + other.passkeyId() + "/", token, Map.of("current_password", PASSWORD));
        assertThat(othersPasskey.status()).isEqualTo(404);
        assertThat(api.deleteJson("/api/users/me/passkeys/0/", token, Map.of("current_password", PASSWORD))
                        .status())
                .isEqualTo(404);
        assertThat(passwordless(other.authenticator()).status())
                .as("the other user's passkey is still theirs")
                .isEqualTo(200);
    }

    @Test
    void removingTheLastPasskeyClearsTheRecoveryCodesAndThePasswordAloneLogsInAgain() {
        Enrolled user = enrol(newUser());
        String token = secondFactor(user.account(), user.authenticator()).text("token");

        ApiResponse removed = api.deleteJson(
                "/api/users/me/passkeys/" + user.passkeyId() + "/", token, Map.of("current_password", PASSWORD));

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        JsonNode factors = api.get("/api/users/me/mfa/", token).json();
        assertThat(factors.get("passkeys")).isEmpty();
        assertThat(factors.get("recovery_codes_left").asInt()).isZero();
        assertThat(api.get("/api/users/me/", token).status())
                .as("the session that removed it stays")
                .isEqualTo(200);
        api.post("/api/users/logout/", token);
        ApiResponse passwordAlone = login(user.account().email(), PASSWORD);
        assertThat(passwordAlone.status()).isEqualTo(200);
        api.post("/api/users/logout/", passwordAlone.text("token"));
        assertThat(passwordless(user.authenticator()).status()).isEqualTo(401);
    }

    @Test
    void removingOneOfTwoPasskeysKeepsTheRecoveryCodes() {
        Enrolled user = enrol(newUser());
        String token = secondFactor(user.account(), user.authenticator()).text("token");
        var spare = new SoftwareAuthenticator();
        ApiResponse options = passkeyOptions(token);
        addPasskey(
                token, options.text("flow_id"), spare.create(options.json().get("publicKey"), ORIGIN, RP_ID), "Spare");

        assertThat(api.deleteJson(
                                "/api/users/me/passkeys/" + user.passkeyId() + "/",
                                token,
                                Map.of("current_password", PASSWORD))
                        .status())
                .isEqualTo(204);

        JsonNode factors = api.get("/api/users/me/mfa/", token).json();
        assertThat(factors.get("passkeys")).hasSize(1);
        assertThat(factors.get("recovery_codes_left").asInt()).isEqualTo(10);
        api.post("/api/users/logout/", token);
        assertThat(login(user.account().email(), PASSWORD).status()).isEqualTo(401);
    }

    // Audit

    @Test
    void auditRecordsPasskeyEventsAndNeverTheCredentialTheMfaTokenOrTheCodes() {
        Account account = newUser();
        String token = tokenOf(account);
        var authenticator = new SoftwareAuthenticator();
        ApiResponse options = passkeyOptions(token);
        String registration = authenticator.create(options.json().get("publicKey"), ORIGIN, RP_ID);
        ApiResponse added = addPasskey(token, options.text("flow_id"), registration, "Phone");
        List<String> recoveryCodes = new ArrayList<>();
        added.json().get("recovery_codes").forEach(code -> recoveryCodes.add(code.asString()));
        api.post("/api/users/logout/", token);

        String mfaToken = passwordStep(account).text("mfa_token");
        String assertion = authenticator.get(webauthnOptions(mfaToken).json().get("publicKey"), ORIGIN, RP_ID);
        token = secondFactor(mfaToken, assertion).text("token");
        api.deleteJson("/api/users/me/passkeys/" + added.id() + "/", token, Map.of("current_password", PASSWORD));

        ApiResponse audit = api.get("/api/audit/?user_id=" + account.id() + "&page_size=100", tokenOf(newSuperuser()));
        assertThat(audit.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        audit.json().get("results").forEach(event -> types.add(event.get("type").asString()));
        assertThat(types).contains("passkey_added", "recovery_codes_generated", "passkey_removed", "login_succeeded");
        JsonNode registrationJson = JSON.readTree(registration).get("response");
        JsonNode assertionJson = JSON.readTree(assertion).get("response");
        assertThat(audit.body())
                .doesNotContain(
                        authenticator.credentialId(),
                        registrationJson.get("attestationObject").asString(),
                        registrationJson.get("clientDataJSON").asString(),
                        assertionJson.get("signature").asString(),
                        assertionJson.get("clientDataJSON").asString(),
                        mfaToken,
                        options.text("flow_id"))
                .doesNotContain(recoveryCodes);
    }

    // Helpers

    /** Adds a passkey to a new session of the account, then logs out. */
    Enrolled enrol(Account account) {
        String token = tokenOf(account);
        var authenticator = new SoftwareAuthenticator();
        ApiResponse options = passkeyOptions(token);
        ApiResponse added = addPasskey(
                token,
                options.text("flow_id"),
                authenticator.create(options.json().get("publicKey"), ORIGIN, RP_ID),
                "Key");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        List<String> codes = new ArrayList<>();
        added.json().get("recovery_codes").forEach(code -> codes.add(code.asString()));
        api.post("/api/users/logout/", token);
        return new Enrolled(account, authenticator, added.id(), codes);
    }

    ApiResponse passkeyOptions(String token) {
        return api.postJson("/api/users/me/passkeys/options/", token, Map.of("current_password", PASSWORD));
    }

    ApiResponse addPasskey(String token, String flowId, String credential, String name) {
        return api.postJson(
                "/api/users/me/passkeys/",
                token,
                Map.of("flow_id", flowId, "credential", credentialObject(credential), "name", name));
    }

    private ApiResponse passwordStep(Account account) {
        ApiResponse response = login(account.email(), account.password());
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        return response;
    }

    private ApiResponse webauthnOptions(String mfaToken) {
        return api.postJson("/api/users/login/mfa/webauthn-options/", null, Map.of("mfa_token", mfaToken));
    }

    private ApiResponse secondFactor(String mfaToken, String assertion) {
        return api.postJson(
                "/api/users/login/mfa/",
                null,
                Map.of("mfa_token", mfaToken, "credential", credentialObject(assertion)));
    }

    /** The whole second-factor login with the passkey: password, options, assertion. */
    private ApiResponse secondFactor(Account account, SoftwareAuthenticator authenticator) {
        String mfaToken = passwordStep(account).text("mfa_token");
        JsonNode publicKey = webauthnOptions(mfaToken).json().get("publicKey");
        return secondFactor(mfaToken, authenticator.get(publicKey, ORIGIN, RP_ID));
    }

    private ApiResponse passwordlessOptions() {
        return api.post("/api/users/login/passkey/options/", null);
    }

    private ApiResponse passwordless(String flowId, String assertion) {
        return api.postJson(
                "/api/users/login/passkey/",
                null,
                Map.of("flow_id", flowId, "credential", credentialObject(assertion)));
    }

    /** The whole passwordless login: options, then the authenticator's answer. */
    private ApiResponse passwordless(SoftwareAuthenticator authenticator) {
        ApiResponse options = passwordlessOptions();
        return passwordless(
                options.text("flow_id"), authenticator.get(options.json().get("publicKey"), ORIGIN, RP_ID));
    }

    /** The credential as a browser's client sends it in a JSON body: a nested object, not a string. */
    static Map<?, ?> credentialObject(String credentialJson) {
        return JSON.readValue(credentialJson, Map.class);
    }

    private static String formEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void assertInvalidCode(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("Invalid code");
    }
}
