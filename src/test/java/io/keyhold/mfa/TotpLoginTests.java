package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * TOTP and recovery codes end to end (SPEC §13), with codes computed here from the secret the API
 * hands out, on the clock the test moves.
 */
abstract class TotpLoginTests extends ApiTest {

    /** A user with TOTP on: the secret their app holds, and the recovery codes they were shown. */
    record Enrolled(Account account, byte[] secret, List<String> recoveryCodes) {}

    String codeAt(byte[] secret, Duration offset) {
        return Totp.code(secret, Totp.stepAt(clock.instant().plus(offset)));
    }

    String codeNow(byte[] secret) {
        return codeAt(secret, Duration.ZERO);
    }

    /** Moves the clock to the next step, so a new code differs from the one used last. */
    private void nextStep() {
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    }

    private Enrolled enrol(Account account) {
        String token = tokenOf(account);
        ApiResponse begun = api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD));
        assertThat(begun.status()).as(begun.toString()).isEqualTo(200);
        byte[] secret = Base32.decode(begun.text("secret"));
        ApiResponse confirmed = api.postJson("/api/users/me/mfa/totp/confirm/", token, Map.of("code", codeNow(secret)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        var codes = new ArrayList<String>();
        confirmed.json().get("recovery_codes").forEach(code -> codes.add(code.asString()));
        api.post("/api/users/logout/", token);
        // Two steps on: the step before the current one is unused, so drift either way can be tried.
        clock.advance(Duration.ofSeconds(2 * Totp.STEP_SECONDS));
        return new Enrolled(account, secret, codes);
    }

    private ApiResponse passwordStep(Account account) {
        ApiResponse response = login(account.email(), account.password());
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        return response;
    }

    private ApiResponse secondStep(String mfaToken, String field, String value) {
        return api.postJson("/api/users/login/mfa/", null, Map.of("mfa_token", mfaToken, field, value));
    }

    @Test
    void enrolmentShowsTheSecretThenConfirmsWithACodeAndOnlyThenGivesRecoveryCodes() {
        Account account = newUser();
        String token = tokenOf(account);

        assertThat(api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", "not-my-password"))
                        .fieldErrors("current_password"))
                .containsExactly("Your current password was entered incorrectly.");
        ApiResponse begun = api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD));
        assertThat(begun.text("secret")).matches("[A-Z2-7]{32}");
        assertThat(begun.text("otpauth_url"))
                .isEqualTo("otpauth://totp/Keyhold:" + account.email() + "?secret=" + begun.text("secret")
                        + "&issuer=Keyhold");
        assertThat(begun.text("qr_svg")).startsWith("<svg").contains("<path d=\"M");
        assertThat(api.get("/api/users/me/mfa/", token)
                        .json()
                        .get("totp")
                        .get("enabled")
                        .asBoolean())
                .as("not on before a code confirms it")
                .isFalse();
        api.post("/api/users/logout/", token);
        ApiResponse unchanged = login(account.email(), PASSWORD);
        assertThat(unchanged.status())
                .as("an unconfirmed secret does not change login")
                .isEqualTo(200);
        token = unchanged.text("token");

        byte[] secret = Base32.decode(begun.text("secret"));
        ApiResponse wrong = api.postJson(
                "/api/users/me/mfa/totp/confirm/", token, Map.of("code", codeAt(secret, Duration.ofMinutes(5))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.fieldErrors("code")).containsExactly("Invalid code");

        ApiResponse confirmed = api.postJson("/api/users/me/mfa/totp/confirm/", token, Map.of("code", codeNow(secret)));
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode codes = confirmed.json().get("recovery_codes");
        assertThat(codes).hasSize(10);
        codes.forEach(code -> assertThat(code.asString()).matches("[2-9a-hjkmnp-z]{10}"));

        JsonNode factors = api.get("/api/users/me/mfa/", token).json();
        assertThat(factors.get("totp").get("enabled").asBoolean()).isTrue();
        assertThat(factors.get("recovery_codes_left").asInt()).isEqualTo(10);
        assertThat(api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD))
                        .status())
                .as("already on")
                .isEqualTo(409);
    }

    @Test
    void aPasswordAloneGetsMfaRequiredAndTheCodeFinishesTheLogin() {
        Enrolled user = enrol(newUser());

        ApiResponse first = passwordStep(user.account());
        assertThat(first.error()).isEqualTo("Two-factor authentication required");
        assertThat(first.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(first.json().get("mfa_required").asBoolean()).isTrue();
        assertThat(first.text("mfa_token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.json().get("methods").toString()).isEqualTo("[\"totp\",\"recovery_code\"]");
        assertThat(first.body()).doesNotContain("\"token\"");

        ApiResponse second = secondStep(first.text("mfa_token"), "code", codeNow(user.secret()));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(api.get("/api/users/me/", second.text("token")).text("email"))
                .isEqualTo(user.account().email());
        assertThat(secondStep(first.text("mfa_token"), "code", codeNow(user.secret()))
                        .error())
                .as("the mfa_token ends when used")
                .isEqualTo("Login expired, start again");
    }

    @Test
    void oneStepOfDriftEitherWayIsAcceptedAndTwoAreNot() {
        Enrolled user = enrol(newUser());
        for (int steps : new int[] {-1, 1}) {
            String mfaToken = passwordStep(user.account()).text("mfa_token");
            ApiResponse accepted = secondStep(mfaToken, "code", codeAt(user.secret(), Duration.ofSeconds(30L * steps)));
            assertThat(accepted.status()).as("%d step(s)", steps).isEqualTo(200);
            api.post("/api/users/logout/", accepted.text("token"));
            // Past every step used so far, so what follows is refused for drift, not as a replay.
            clock.advance(Duration.ofSeconds(150));
        }
        for (int steps : new int[] {-2, 2}) {
            String mfaToken = passwordStep(user.account()).text("mfa_token");
            ApiResponse refused = secondStep(mfaToken, "code", codeAt(user.secret(), Duration.ofSeconds(30L * steps)));
            assertThat(refused.status()).as("%d steps", steps).isEqualTo(401);
            assertThat(refused.error()).isEqualTo("Invalid code");
        }
    }

    @Test
    void aCodeOfAStepAlreadyUsedIsRefused() {
        Enrolled user = enrol(newUser());
        String code = codeNow(user.secret());
        ApiResponse first = secondStep(passwordStep(user.account()).text("mfa_token"), "code", code);
        assertThat(first.status()).isEqualTo(200);
        api.post("/api/users/logout/", first.text("token"));

        ApiResponse replayed = secondStep(passwordStep(user.account()).text("mfa_token"), "code", code);

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.error()).isEqualTo("Invalid code");
        assertThat(secondStep(
                                passwordStep(user.account()).text("mfa_token"),
                                "code",
                                codeAt(user.secret(), Duration.ofSeconds(-30)))
                        .status())
                .as("an earlier step than the one used is refused too")
                .isEqualTo(401);
    }

    @Test
    void fiveWrongCodesLockTheAccountLikeFiveWrongPasswords() {
        Enrolled user = enrol(newUser());
        String guessed = passwordStep(user.account()).text("mfa_token");
        String other = passwordStep(user.account()).text("mfa_token");
        String wrong = codeAt(user.secret(), Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            assertThat(secondStep(guessed, "code", wrong).error()).isEqualTo("Invalid code");
        }

        ApiResponse locked = secondStep(other, "code", codeNow(user.secret()));
        assertThat(locked.status())
                .as("even the right code on another mfa_token, while locked")
                .isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(login(user.account().email(), PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void parallelWrongCodesOnManyMfaTokensAreCountedOneByOneAndStopAtTheLock() throws Exception {
        Enrolled user = enrol(newUser());
        List<String> mfaTokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mfaTokens.add(passwordStep(user.account()).text("mfa_token"));
        }
        String wrong = codeAt(user.secret(), Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ApiResponse>> guesses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String mfaToken = mfaTokens.get(i % mfaTokens.size());
                guesses.add(pool.submit(() -> secondStep(mfaToken, "code", wrong)));
            }
            long invalid = 0;
            for (Future<ApiResponse> guess : guesses) {
                ApiResponse answer = guess.get();
                assertThat(answer.status()).as(answer.toString()).isIn(401, 429);
                invalid += answer.error().equals("Invalid code") ? 1 : 0;
            }
            assertThat(invalid).as("wrong codes checked before the lock").isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPasswordChangeEndsTheLoginsWaitingForTheirSecondFactor() {
        Enrolled user = enrol(newUser());
        String token = secondStep(passwordStep(user.account()).text("mfa_token"), "code", codeNow(user.secret()))
                .text("token");
        nextStep();
        String waiting = passwordStep(user.account()).text("mfa_token");

        assertThat(api.postJson(
                                "/api/users/me/password/",
                                token,
                                Map.of("current_password", PASSWORD, "new_password", "Another-horse-battery-9"))
                        .status())
                .isEqualTo(204);

        assertThat(secondStep(waiting, "code", codeNow(user.secret())).error()).isEqualTo("Login expired, start again");
    }

    @Test
    void aSessionRefusedBySingleSessionPolicyLeavesTheSecondFactorProvenForARetry() {
        Enrolled user = enrol(newUser());
        String first = secondStep(passwordStep(user.account()).text("mfa_token"), "code", codeNow(user.secret()))
                .text("token");
        nextStep();
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        String recoveryCode = user.recoveryCodes().get(0);

        ApiResponse refused = secondStep(mfaToken, "recovery_code", recoveryCode);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(api.get("/api/users/me/", first).status())
                .as("the live session ended")
                .isEqualTo(401);

        ApiResponse retried = secondStep(mfaToken, "recovery_code", recoveryCode);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(api.get("/api/users/me/mfa/", retried.text("token"))
                        .json()
                        .get("recovery_codes_left")
                        .asInt())
                .as("one code used, once")
                .isEqualTo(9);
    }

    @Test
    void enrolmentsBegunAtOnceReplaceEachOtherAndOnlyOneSecretConfirms() throws Exception {
        Account account = newUser();
        String token = tokenOf(account);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<String> secrets = new ArrayList<>();
        try {
            List<Future<ApiResponse>> begun = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                begun.add(pool.submit(
                        () -> api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD))));
            }
            for (Future<ApiResponse> answer : begun) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
                secrets.add(answer.get().text("secret"));
            }
        } finally {
            pool.shutdownNow();
        }
        int confirmed = 0;
        for (String secret : secrets) {
            ApiResponse answer = api.postJson(
                    "/api/users/me/mfa/totp/confirm/", token, Map.of("code", codeNow(Base32.decode(secret))));
            assertThat(answer.status()).as(answer.toString()).isIn(200, 400, 409);
            confirmed += answer.status() == 200 ? 1 : 0;
        }
        assertThat(confirmed).isEqualTo(1);
    }

    @Test
    void aRightPasswordDoesNotResetTheCountOfWrongCodes() {
        Enrolled user = enrol(newUser());
        String wrong = codeAt(user.secret(), Duration.ofMinutes(10));
        for (int i = 0; i < 4; i++) {
            String mfaToken = passwordStep(user.account()).text("mfa_token");
            assertThat(secondStep(mfaToken, "code", wrong).status()).isEqualTo(401);
        }
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        assertThat(secondStep(mfaToken, "code", wrong).status()).isEqualTo(401);

        assertThat(login(user.account().email(), PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void theMfaTokenExpiresAfterFiveMinutes() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        ApiResponse late = secondStep(mfaToken, "code", codeNow(user.secret()));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.error()).isEqualTo("Login expired, start again");
        assertThat(secondStep("x".repeat(43), "code", codeNow(user.secret())).error())
                .isEqualTo("Login expired, start again");
    }

    @Test
    void eachRecoveryCodeLogsInOnce() {
        Enrolled user = enrol(newUser());
        String recoveryCode = user.recoveryCodes().get(3);

        ApiResponse used = secondStep(
                passwordStep(user.account()).text("mfa_token"),
                "recovery_code",
                recoveryCode.toUpperCase().substring(0, 5) + "-" + recoveryCode.substring(5));
        assertThat(used.status()).as("typed with another case and a dash").isEqualTo(200);
        assertThat(api.get("/api/users/me/mfa/", used.text("token"))
                        .json()
                        .get("recovery_codes_left")
                        .asInt())
                .isEqualTo(9);
        api.post("/api/users/logout/", used.text("token"));

        ApiResponse again = secondStep(passwordStep(user.account()).text("mfa_token"), "recovery_code", recoveryCode);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.error()).isEqualTo("Invalid code");
    }

    @Test
    void newRecoveryCodesReplaceTheOldOnes() {
        Enrolled user = enrol(newUser());
        String token = secondStep(passwordStep(user.account()).text("mfa_token"), "code", codeNow(user.secret()))
                .text("token");

        ApiResponse fresh =
                api.postJson("/api/users/me/mfa/recovery-codes/", token, Map.of("current_password", PASSWORD));
        assertThat(fresh.json().get("recovery_codes")).hasSize(10);
        api.post("/api/users/logout/", token);

        assertThat(secondStep(
                                passwordStep(user.account()).text("mfa_token"),
                                "recovery_code",
                                user.recoveryCodes().get(0))
                        .status())
                .isEqualTo(401);
        assertThat(secondStep(
                                passwordStep(user.account()).text("mfa_token"),
                                "recovery_code",
                                fresh.json().get("recovery_codes").get(0).asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void disablingNeedsThePasswordAndACodeThenThePasswordAloneLogsIn() {
        Enrolled user = enrol(newUser());
        String token = secondStep(passwordStep(user.account()).text("mfa_token"), "code", codeNow(user.secret()))
                .text("token");
        nextStep();

        ApiResponse noPassword =
                api.deleteJson("/api/users/me/mfa/totp/", token, Map.of("code", codeNow(user.secret())));
        assertThat(noPassword.fieldErrors("current_password")).containsExactly("This field is required.");
        ApiResponse wrongCode = api.deleteJson(
                "/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD, "code", "000000"));
        assertThat(wrongCode.fieldErrors("code")).containsExactly("Invalid code");

        ApiResponse disabled = api.deleteJson(
                "/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD, "code", codeNow(user.secret())));
        assertThat(disabled.status()).isEqualTo(204);
        JsonNode factors = api.get("/api/users/me/mfa/", token).json();
        assertThat(factors.get("totp").get("enabled").asBoolean()).isFalse();
        assertThat(factors.get("recovery_codes_left").asInt())
                .as("no factor left, no codes")
                .isZero();
        api.post("/api/users/logout/", token);
        assertThat(login(user.account().email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void staffRemoveAUsersFactorsUnderTheStaffRule() {
        Enrolled user = enrol(newUser());
        Enrolled staffMember = enrol(newStaff());
        Account staff = newStaff();
        Account superuser = newSuperuser();
        String staffToken = tokenOf(staff);
        String superToken = tokenOf(superuser);

        assertThat(api.delete("/api/users/" + staffMember.account().id() + "/mfa/", staffToken)
                        .error())
                .isEqualTo("Only a superuser may change a staff account.");
        assertThat(api.delete("/api/users/" + user.account().id() + "/mfa/", tokenOf(newUser()))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/users/" + staff.id() + "/mfa/", staffToken).error())
                .as("one's own factors take the password, under me/")
                .isEqualTo(SecondFactors.OWN_FACTORS);
        assertThat(api.delete("/api/users/" + user.account().id() + "/mfa/", staffToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/users/" + staffMember.account().id() + "/mfa/", superToken)
                        .status())
                .isEqualTo(204);

        assertThat(login(user.account().email(), PASSWORD).status()).isEqualTo(200);
        assertThat(login(staffMember.account().email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void auditEventsRecordEachStepAndNeverACodeSecretOrToken() {
        Account account = newUser();
        String token = tokenOf(account);
        String secretText = api.postJson("/api/users/me/mfa/totp/", token, Map.of("current_password", PASSWORD))
                .text("secret");
        byte[] secret = Base32.decode(secretText);
        String confirmCode = codeNow(secret);
        List<String> recoveryCodes = new ArrayList<>();
        api.postJson("/api/users/me/mfa/totp/confirm/", token, Map.of("code", confirmCode))
                .json()
                .get("recovery_codes")
                .forEach(code -> recoveryCodes.add(code.asString()));
        api.post("/api/users/logout/", token);
        String mfaToken = passwordStep(account).text("mfa_token");
        String wrongCode = codeAt(secret, Duration.ofMinutes(10));
        secondStep(mfaToken, "code", wrongCode);
        secondStep(mfaToken, "recovery_code", recoveryCodes.get(0));

        ApiResponse audit = api.get("/api/audit/?user_id=" + account.id() + "&page_size=100", tokenOf(newSuperuser()));
        List<String> types = new ArrayList<>();
        audit.json().get("results").forEach(event -> types.add(event.get("type").asString()));
        assertThat(types)
                .contains(
                        "mfa_enabled",
                        "recovery_codes_generated",
                        "mfa_failed",
                        "recovery_code_used",
                        "login_succeeded");
        assertThat(audit.body())
                .doesNotContain(
                        secretText, confirmCode, wrongCode, mfaToken, recoveryCodes.get(0), recoveryCodes.get(1));
    }

    @Test
    void metersCountSecondFactorOutcomes() {
        Enrolled user = enrol(newUser());
        String mfaToken = passwordStep(user.account()).text("mfa_token");
        secondStep(mfaToken, "code", codeAt(user.secret(), Duration.ofMinutes(10)));
        secondStep(mfaToken, "code", codeNow(user.secret()));

        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern("keyhold_logins_second_factor_total\\{[^}]*method=\"totp\",outcome=\"success\"")
                .containsPattern("keyhold_logins_second_factor_total\\{[^}]*method=\"totp\",outcome=\"invalid_code\"")
                .containsPattern("keyhold_logins_total\\{[^}]*outcome=\"second_factor_required\"");
    }
}
