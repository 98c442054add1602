package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.SoftwareAuthenticator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code keyhold.mfa.required-for-staff}, sessions ending when factors change (under the {@code
 * multiple} policy, so that a user can hold several sessions at once), and the {@code mfa_token}'s
 * own limit of wrong codes (under a lockout threshold above it).
 */
@TestPropertySource(
        properties = {
            "keyhold.mfa.required-for-staff=true",
            "keyhold.sessions.policy=multiple",
            // Above the mfa_token's own limit of 5, so the two limits can be told apart.
            "keyhold.lockout.threshold=10"
        })
abstract class FactorPolicyTests extends ApiTest {

    private String code(byte[] secret, Duration offset) {
        return Totp.code(secret, Totp.stepAt(clock.instant().plus(offset)));
    }

    /** Turns TOTP on from the given session and returns the secret. */
    private byte[] enrolFrom(String token) {
        ApiResponse begun = api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD));
        byte[] secret = Base32.decode(begun.text("secret"));
        ApiResponse confirmed =
                api.postJson("/api/users/me/mfa/totp/confirm/", token, Map.of("code", code(secret, Duration.ZERO)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return secret;
    }

    @Test
    void staffWithoutASecondFactorLogInButCannotActAsStaffUntilTheyHaveOne() {
        Account staff = newStaff();
        Account user = newUser();
        String token = tokenOf(staff);

        for (ApiResponse refused : new ApiResponse[] {
            api.get("/api/users/", token),
            api.get("/api/users/" + user.id() + "/", token),
            api.patchJson("/api/users/" + user.id() + "/", token, Map.of("name", "Changed")),
            api.get("/api/audit/", token)
        }) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("Two-factor authentication must be set up");
        }
        assertThat(api.get("/api/users/me/", token).status())
                .as("their own account stays theirs")
                .isEqualTo(200);
        assertThat(api.get("/api/users/" + staff.id() + "/", token).status()).isEqualTo(200);

        enrolFrom(token);

        assertThat(api.get("/api/users/", token).status()).isEqualTo(200);
        assertThat(api.patchJson("/api/users/" + user.id() + "/", token, Map.of("name", "Changed"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSuperuserWithoutASecondFactorCannotGrantStaff() {
        Account superuser = newSuperuser();
        Account user = newUser();

        ApiResponse refused =
                api.patchJson("/api/users/" + user.id() + "/", tokenOf(superuser), Map.of("is_staff", true));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(userAccounts.findById(user.id()).orElseThrow().staff()).isFalse();
    }

    @Test
    void usersWhoAreNotStaffAreNotAskedForASecondFactor() {
        Account user = newUser();
        assertThat(api.get("/api/users/me/", tokenOf(user)).status()).isEqualTo(200);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void addingOrRemovingAFactorEndsTheOtherSessionsAndKeepsThisOne() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);

        byte[] secret = enrolFrom(current);

        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", other).status())
                .as("ended by adding TOTP")
                .isEqualTo(401);

        String another = api.postJson(
                        "/api/users/login/mfa/",
                        null,
                        Map.of(
                                "mfa_token",
                                login(account.email(), PASSWORD).text("mfa_token"),
                                "code",
                                code(secret, Duration.ofSeconds(30))))
                .text("token");
        assertThat(api.get("/api/users/me/", another).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(60));
        ApiResponse disabled = api.deleteJson(
                "/api/users/me/mfa/totp/",
                current,
                Map.of("current_password", PASSWORD, "code", code(secret, Duration.ZERO)));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);

        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", another).status())
                .as("ended by removing TOTP")
                .isEqualTo(401);
    }

    @Test
    void addingOrRemovingAPasskeyEndsTheOtherSessionsAndKeepsThisOne() {
        Account account = newUser();
        String other = tokenOf(account);
        String current = tokenOf(account);
        var authenticator = new SoftwareAuthenticator();
        ApiResponse options =
                api.postJson("/api/users/me/passkeys/options/", current, Map.of("current_password", PASSWORD));
        ApiResponse added = api.postJson(
                "/api/users/me/passkeys/",
                current,
                Map.of(
                        "flow_id",
                        options.text("flow_id"),
                        "credential",
                        PasskeyApiTests.credentialObject(authenticator.create(
                                options.json().get("publicKey"), PasskeyApiTests.ORIGIN, PasskeyApiTests.RP_ID)),
                        "name",
                        "Phone"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);

        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", other).status())
                .as("ended by adding a passkey")
                .isEqualTo(401);

        ApiResponse begun = api.post("/api/users/login/passkey/options/", null);
        String another = api.postJson(
                        "/api/users/login/passkey/",
                        null,
                        Map.of(
                                "flow_id",
                                begun.text("flow_id"),
                                "credential",
                                PasskeyApiTests.credentialObject(authenticator.get(
                                        begun.json().get("publicKey"), PasskeyApiTests.ORIGIN, PasskeyApiTests.RP_ID))))
                .text("token");
        assertThat(api.get("/api/users/me/", another).status()).isEqualTo(200);
        ApiResponse removed = api.deleteJson(
                "/api/users/me/passkeys/" + added.id() + "/", current, Map.of("current_password", PASSWORD));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);

        assertThat(api.get("/api/users/me/", current).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", another).status())
                .as("ended by removing the passkey")
                .isEqualTo(401);
    }

    @Test
    void staffRemovingAUsersFactorsEndsAllTheirSessions() {
        Account user = newUser();
        String token = tokenOf(user);
        enrolFrom(token);
        String staffToken = tokenOf(newSuperuser());
        enrolFrom(staffToken);

        assertThat(api.delete("/api/users/" + user.id() + "/mfa/", staffToken).status())
                .isEqualTo(204);

        assertThat(api.get("/api/users/me/", token).status()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theMfaTokenEndsAfterFiveWrongCodesBeforeTheAccountLocks() {
        Account account = newUser();
        byte[] secret = enrolFrom(tokenOf(account));
        String mfaToken = login(account.email(), PASSWORD).text("mfa_token");
        for (int i = 0; i < 5; i++) {
            ApiResponse wrong = api.postJson(
                    "/api/users/login/mfa/",
                    null,
                    Map.of("mfa_token", mfaToken, "code", code(secret, Duration.ofMinutes(10))));
            assertThat(wrong.error()).isEqualTo("Invalid code");
        }

        ApiResponse late = api.postJson(
                "/api/users/login/mfa/",
                null,
                Map.of("mfa_token", mfaToken, "code", code(secret, Duration.ofSeconds(30))));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.error()).isEqualTo("Login expired, start again");
        String fresh = login(account.email(), PASSWORD).text("mfa_token");
        assertThat(api.postJson(
                                "/api/users/login/mfa/",
                                null,
                                Map.of("mfa_token", fresh, "code", code(secret, Duration.ofSeconds(30))))
                        .status())
                .as("the account is not locked: 5 of 10")
                .isEqualTo(200);
    }
}
