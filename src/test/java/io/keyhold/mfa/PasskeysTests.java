package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.mfa.Passkeys.Ceremony;
import io.keyhold.mfa.Passkeys.PasskeyView;
import io.keyhold.problems.Refusal;
import io.keyhold.problems.ValidationFailed;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.SoftwareAuthenticator;
import io.keyhold.testing.SoftwareAuthenticator.Algorithm;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.User;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys against a software authenticator that makes real attestations and assertions: the three
 * ceremonies succeed, and each way of cheating them is refused. {@code keyhold.public-url} is
 * {@code http://localhost:8000} here, so the RP id is {@code localhost}.
 */
abstract class PasskeysTests extends ApiTest {

    static final String ORIGIN = PUBLIC_URL;
    static final String RP_ID = "localhost";

    @Autowired
    Passkeys passkeys;

    @Autowired
    WebAuthnChallenges challenges;

    @Autowired
    JdbcClient jdbc;

    // Registration

    @Test
    void registrationOptionsThenWebAuthnJsonForTheUserExcludingTheirPasskeys() {
        User user = user();
        SoftwareAuthenticator existing = registered(user);

        Ceremony ceremony = passkeys.registrationOptions(user);

        assertThat(ceremony.flowId()).matches("[0-9a-f]{64}");
        JsonNode options = ceremony.publicKey();
        assertThat(options.get("rp").get("id").asString()).isEqualTo(RP_ID);
        assertThat(options.get("rp").get("name").asString()).isEqualTo("Keyhold");
        assertThat(options.get("user").get("id").asString()).isEqualTo(userHandleOf(user.id()));
        assertThat(options.get("user").get("name").asString()).isEqualTo(user.email());
        assertThat(options.get("user").get("displayName").asString()).isEqualTo(user.name());
        assertThat(Base64.getUrlDecoder().decode(options.get("challenge").asString()))
                .hasSize(32);
        assertThat(options.get("pubKeyCredParams")
                        .valueStream()
                        .map(param -> param.get("alg").asInt())
                        .toList())
                .containsExactly(-7, -8, -257);
        assertThat(options.get("pubKeyCredParams").get(0).get("type").asString())
                .isEqualTo("public-key");
        assertThat(options.get("timeout").asLong()).isEqualTo(300_000);
        assertThat(options.get("attestation").asString()).isEqualTo("none");
        assertThat(options.get("authenticatorSelection").get("residentKey").asString())
                .isEqualTo("preferred");
        assertThat(options.get("authenticatorSelection").get("userVerification").asString())
                .isEqualTo("preferred");
        JsonNode excluded = options.get("excludeCredentials");
        assertThat(excluded.size()).isEqualTo(1);
        assertThat(excluded.get(0).get("id").asString()).isEqualTo(existing.credentialId());
        assertThat(excluded.get(0).get("type").asString()).isEqualTo("public-key");
        assertThat(excluded.get(0)
                        .get("transports")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("hybrid", "internal");
    }

    @Test
    void registerThenListedWithNameAndCounterAndFlagsStored() {
        User user = user();
        var authenticator = new SoftwareAuthenticator().signCount(7).backup(true, true);
        Ceremony ceremony = passkeys.registrationOptions(user);

        PasskeyView view = passkeys.register(
                user, ceremony.flowId(), authenticator.create(ceremony.publicKey(), ORIGIN, RP_ID), "  Laptop  ");

        assertThat(view.name()).isEqualTo("Laptop");
        assertThat(view.createdAt()).isNotNull();
        assertThat(view.lastUsedAt()).isNull();
        assertThat(passkeys.list(user.id())).containsExactly(view);
        var stored = jdbc.sql("SELECT credential_id, sign_count, uv_initialized, backup_eligible, backup_state,"
                        + " transports FROM passkeys WHERE id = ?")
                .param(view.id())
                .query()
                .singleRow();
        assertThat(stored.get("credential_id")).isEqualTo(authenticator.credentialId());
        assertThat(((Number) stored.get("sign_count")).longValue()).isEqualTo(7);
        assertThat(stored.get("uv_initialized")).isEqualTo(true);
        assertThat(stored.get("backup_eligible")).isEqualTo(true);
        assertThat(stored.get("backup_state")).isEqualTo(true);
        assertThat(stored.get("transports")).isEqualTo("hybrid,internal");
    }

    @Test
    void registerWithEdDsaAndRs256ThenBothVerify() {
        User user = user();
        for (Algorithm algorithm : List.of(Algorithm.EDDSA, Algorithm.RS256)) {
            var authenticator = new SoftwareAuthenticator(algorithm);
            register(user, authenticator, algorithm.name());

            assertThat(secondFactor(user.id(), authenticator))
                    .as(algorithm.name())
                    .isTrue();
        }
        assertThat(passkeys.list(user.id())).extracting(PasskeyView::name).containsExactly("EDDSA", "RS256");
    }

    @Test
    void registerWhenFlowUsedAlreadyThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, RP_ID);
        passkeys.register(user, ceremony.flowId(), credential, "Phone");

        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), credential, "Phone"));
        assertThat(passkeys.list(user.id())).hasSize(1);
    }

    @Test
    void registerWhenUnknownOrMalformedFlowThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, RP_ID);

        assertInvalidPasskey(() -> passkeys.register(user, newFlowKey(), credential, "Phone"));
        assertInvalidPasskey(() -> passkeys.register(user, "not a flow", credential, "Phone"));
        assertInvalidPasskey(() -> passkeys.register(user, null, credential, "Phone"));
    }

    @Test
    void registerWhenAnotherUsersFlowThenInvalidPasskeyAndTheFlowIsSpent() {
        User owner = user();
        User other = user();
        Ceremony ceremony = passkeys.registrationOptions(owner);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, RP_ID);

        assertInvalidPasskey(() -> passkeys.register(other, ceremony.flowId(), credential, "Phone"));
        assertInvalidPasskey(() -> passkeys.register(owner, ceremony.flowId(), credential, "Phone"));
        assertThat(passkeys.list(owner.id())).isEmpty();
        assertThat(passkeys.list(other.id())).isEmpty();
    }

    @Test
    void registerWhenChallengeExpiredThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, RP_ID);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), credential, "Phone"));
    }

    @Test
    void registerWhenWrongOriginThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), "http://localhost:8001", RP_ID);

        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), credential, "Phone"));
    }

    @Test
    void registerWhenWrongRpIdThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, "evil.example");

        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), credential, "Phone"));
    }

    @Test
    void registerWhenAnsweringAnotherFlowsChallengeThenInvalidPasskey() {
        User user = user();
        Ceremony answered = passkeys.registrationOptions(user);
        Ceremony presented = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(answered.publicKey(), ORIGIN, RP_ID);

        assertInvalidPasskey(() -> passkeys.register(user, presented.flowId(), credential, "Phone"));
    }

    @Test
    void registerWhenNotAPasskeyThenInvalidPasskey() {
        User user = user();
        for (String garbage : new String[] {"", "{}", "not json", "{\"id\":\"AA\",\"response\":{}}", "[]"}) {
            Ceremony ceremony = passkeys.registrationOptions(user);
            assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), garbage, "Phone"));
        }
        Ceremony ceremony = passkeys.registrationOptions(user);
        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), null, "Phone"));
    }

    @Test
    void registerWhenUserNotPresentThenInvalidPasskey() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().userPresent(false).create(ceremony.publicKey(), ORIGIN, RP_ID);

        assertInvalidPasskey(() -> passkeys.register(user, ceremony.flowId(), credential, "Phone"));
    }

    @Test
    void registerWhenCredentialRegisteredAlreadyThenInvalidPasskey() {
        User first = user();
        User second = user();
        var authenticator = registered(first);
        Ceremony ceremony = passkeys.registrationOptions(second);
        String again = authenticator.create(ceremony.publicKey(), ORIGIN, RP_ID);

        assertInvalidPasskey(() -> passkeys.register(second, ceremony.flowId(), again, "Phone"));
        assertThat(passkeys.list(second.id())).isEmpty();
    }

    @Test
    void registerWhenNameBlankLongOrHidingCharactersThenFieldErrorAndTheFlowStillUsable() {
        User user = user();
        Ceremony ceremony = passkeys.registrationOptions(user);
        String credential = new SoftwareAuthenticator().create(ceremony.publicKey(), ORIGIN, RP_ID);

        assertNameRefused(() -> passkeys.register(user, ceremony.flowId(), credential, "   "));
        assertNameRefused(() -> passkeys.register(user, ceremony.flowId(), credential, null));
        assertNameRefused(() -> passkeys.register(user, ceremony.flowId(), credential, "x".repeat(101)));
        assertNameRefused(() -> passkeys.register(user, ceremony.flowId(), credential, "Laptop\u202epot"));
        assertNameRefused(() -> passkeys.register(user, ceremony.flowId(), credential, "Lap\u200btop"));

        PasskeyView view = passkeys.register(user, ceremony.flowId(), credential, "y".repeat(100));
        assertThat(view.name()).hasSize(100);
    }

    // Second factor

    @Test
    void secondFactorOptionsThenTheUsersPasskeysAllowedAndPresenceEnough() {
        User user = user();
        var first = registered(user);
        var second = registered(user);
        String flowKey = newFlowKey();

        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);

        assertThat(ceremony.flowId()).isEqualTo(flowKey);
        JsonNode options = ceremony.publicKey();
        assertThat(options.get("rpId").asString()).isEqualTo(RP_ID);
        assertThat(options.get("userVerification").asString()).isEqualTo("preferred");
        assertThat(options.get("timeout").asLong()).isEqualTo(300_000);
        assertThat(options.get("challenge").asString()).hasSize(43);
        assertThat(options.get("allowCredentials")
                        .valueStream()
                        .map(descriptor -> descriptor.get("id").asString())
                        .toList())
                .containsExactly(first.credentialId(), second.credentialId());
    }

    @Test
    void secondFactorWhenValidThenTrueAndCounterAndLastUsedStored() {
        User user = user();
        var authenticator = registered(user).userVerified(false);
        clock.advance(Duration.ofMinutes(1));

        assertThat(secondFactor(user.id(), authenticator)).isTrue();

        assertThat(storedSignCount(authenticator)).isEqualTo(1);
        PasskeyView view = passkeys.list(user.id()).get(0);
        assertThat(view.lastUsedAt()).isAfter(view.createdAt());
        assertThat(secondFactor(user.id(), authenticator)).isTrue();
        assertThat(storedSignCount(authenticator)).isEqualTo(2);
    }

    @Test
    void secondFactorWhenAuthenticatorKeepsNoCounterThenAcceptedEachTime() {
        User user = user();
        var authenticator = registered(user).countsUp(false);

        assertThat(secondFactor(user.id(), authenticator)).isTrue();
        assertThat(secondFactor(user.id(), authenticator)).isTrue();
        assertThat(storedSignCount(authenticator)).isZero();
    }

    @Test
    void secondFactorWhenReplayedThenFalse() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);
        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);
        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isTrue();

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
        String laterFlow = newFlowKey();
        passkeys.secondFactorOptions(user.id(), laterFlow);
        assertThat(passkeys.verifySecondFactor(user.id(), laterFlow, assertion)).isFalse();
    }

    @Test
    void secondFactorWhenWrongOriginThenFalse() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);

        String assertion = authenticator.get(ceremony.publicKey(), "https://localhost:8000", RP_ID);

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
    }

    @Test
    void secondFactorWhenWrongRpIdThenFalse() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);

        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, "example.com");

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
    }

    @Test
    void secondFactorWhenCounterGoesBackOrStandsStillThenFalse() {
        User user = user();
        var authenticator = registered(user).signCount(10);
        assertThat(secondFactor(user.id(), authenticator)).isTrue();
        assertThat(storedSignCount(authenticator)).isEqualTo(11);

        assertThat(secondFactor(user.id(), authenticator.signCount(5))).isFalse();
        assertThat(secondFactor(user.id(), authenticator.signCount(10))).isFalse();

        assertThat(storedSignCount(authenticator)).isEqualTo(11);
        assertThat(secondFactor(user.id(), authenticator.signCount(11))).isTrue();
    }

    @Test
    void secondFactorWhenAnsweringTheRegistrationChallengeThenFalse() {
        User user = user();
        var authenticator = registered(user);
        Ceremony registration = passkeys.registrationOptions(user);
        String flowKey = newFlowKey();
        passkeys.secondFactorOptions(user.id(), flowKey);

        String assertion = authenticator.get(registration.publicKey(), ORIGIN, RP_ID);

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
    }

    @Test
    void secondFactorWhenFlowIsARegistrationFlowThenFalse() {
        User user = user();
        var authenticator = registered(user);
        Ceremony registration = passkeys.registrationOptions(user);

        String assertion = authenticator.get(registration.publicKey(), ORIGIN, RP_ID);

        assertThat(passkeys.verifySecondFactor(user.id(), registration.flowId(), assertion))
                .isFalse();
    }

    @Test
    void secondFactorWhenAnotherUsersFlowThenFalse() {
        User user = user();
        User other = user();
        var authenticator = registered(user);
        registered(other);
        String othersFlow = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(other.id(), othersFlow);

        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);

        assertThat(passkeys.verifySecondFactor(user.id(), othersFlow, assertion))
                .isFalse();
    }

    @Test
    void secondFactorWhenAnotherUsersCredentialThenFalse() {
        User user = user();
        User other = user();
        registered(user);
        var othersAuthenticator = registered(other);
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);

        String assertion = othersAuthenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
        assertThat(passkeys.list(other.id()).get(0).lastUsedAt()).isNull();
    }

    @Test
    void secondFactorWhenChallengeExpiredThenFalse() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(user.id(), flowKey);
        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, assertion)).isFalse();
    }

    @Test
    void secondFactorWhenOptionsAskedAgainThenOnlyTheNewChallengeCounts() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        passkeys.secondFactorOptions(user.id(), flowKey);
        Ceremony renewed = passkeys.secondFactorOptions(user.id(), flowKey);
        assertThat(passkeys.verifySecondFactor(
                        user.id(), flowKey, authenticator.get(renewed.publicKey(), ORIGIN, RP_ID)))
                .isTrue();

        String otherFlow = newFlowKey();
        Ceremony replaced = passkeys.secondFactorOptions(user.id(), otherFlow);
        passkeys.secondFactorOptions(user.id(), otherFlow);
        assertThat(passkeys.verifySecondFactor(
                        user.id(), otherFlow, authenticator.get(replaced.publicKey(), ORIGIN, RP_ID)))
                .isFalse();
    }

    @Test
    void secondFactorWhenUserNotPresentThenFalse() {
        User user = user();
        var authenticator = registered(user).userPresent(false);

        assertThat(secondFactor(user.id(), authenticator)).isFalse();
    }

    @Test
    void secondFactorWhenUserHandleNamesSomeoneElseThenFalse() {
        User user = user();
        User other = user();
        var authenticator = registered(user).userHandle(userHandleBytes(other.id()));

        assertThat(secondFactor(user.id(), authenticator)).isFalse();
    }

    @Test
    void secondFactorWhenNotAnAssertionThenFalse() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        for (String garbage : new String[] {"", "{}", "not json", "{\"id\":\"AA\",\"rawId\":\"AA\",\"response\":{}}"}) {
            passkeys.secondFactorOptions(user.id(), flowKey);
            assertThat(passkeys.verifySecondFactor(user.id(), flowKey, garbage)).isFalse();
        }
        passkeys.secondFactorOptions(user.id(), flowKey);
        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, null)).isFalse();
        Ceremony registration = passkeys.registrationOptions(user);
        String aRegistration = new SoftwareAuthenticator().create(registration.publicKey(), ORIGIN, RP_ID);
        passkeys.secondFactorOptions(user.id(), flowKey);
        assertThat(passkeys.verifySecondFactor(user.id(), flowKey, aRegistration))
                .isFalse();
        assertThat(passkeys.verifySecondFactor(user.id(), "bad flow", "{}")).isFalse();
        assertThat(secondFactor(user.id(), authenticator)).isTrue();
    }

    // Passwordless

    @Test
    void passwordlessOptionsThenNoCredentialsNamedAndVerificationRequired() {
        Ceremony ceremony = passkeys.passwordlessOptions();

        assertThat(ceremony.flowId()).matches("[0-9a-f]{64}");
        JsonNode options = ceremony.publicKey();
        assertThat(options.get("rpId").asString()).isEqualTo(RP_ID);
        assertThat(options.get("userVerification").asString()).isEqualTo("required");
        assertThat(options.has("allowCredentials")).isFalse();
        assertThat(options.get("challenge").asString()).hasSize(43);
        assertThat(passkeys.passwordlessOptions().flowId()).isNotEqualTo(ceremony.flowId());
    }

    @Test
    void passwordlessWhenVerifiedThenTheOwnersIdAndCounterAndLastUsedStored() {
        User user = user();
        var authenticator = registered(user);

        assertThat(passwordless(authenticator)).isEqualTo(OptionalLong.of(user.id()));

        assertThat(storedSignCount(authenticator)).isEqualTo(1);
        assertThat(passkeys.list(user.id()).get(0).lastUsedAt()).isNotNull();
    }

    @Test
    void passwordlessWhenUserNotVerifiedThenEmpty() {
        User user = user();
        var authenticator = registered(user).userVerified(false);

        assertThat(passwordless(authenticator)).isEmpty();
        assertThat(passkeys.list(user.id()).get(0).lastUsedAt()).isNull();
    }

    @Test
    void passwordlessWhenReplayedThenEmpty() {
        User user = user();
        var authenticator = registered(user);
        Ceremony ceremony = passkeys.passwordlessOptions();
        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);
        assertThat(passkeys.verifyPasswordless(ceremony.flowId(), assertion)).hasValue(user.id());

        assertThat(passkeys.verifyPasswordless(ceremony.flowId(), assertion)).isEmpty();
        assertThat(passkeys.verifyPasswordless(passkeys.passwordlessOptions().flowId(), assertion))
                .isEmpty();
    }

    @Test
    void passwordlessWhenWrongOriginOrRpIdThenEmpty() {
        User user = user();
        var authenticator = registered(user);
        Ceremony first = passkeys.passwordlessOptions();
        Ceremony second = passkeys.passwordlessOptions();

        assertThat(passkeys.verifyPasswordless(
                        first.flowId(), authenticator.get(first.publicKey(), "http://evil.localhost:8000", RP_ID)))
                .isEmpty();
        assertThat(passkeys.verifyPasswordless(
                        second.flowId(), authenticator.get(second.publicKey(), ORIGIN, "evil.localhost")))
                .isEmpty();
    }

    @Test
    void passwordlessWhenCounterGoesBackThenEmpty() {
        User user = user();
        var authenticator = registered(user).signCount(3);
        assertThat(passwordless(authenticator)).hasValue(user.id());

        assertThat(passwordless(authenticator.signCount(1))).isEmpty();
    }

    @Test
    void passwordlessWhenAnsweringASecondFactorFlowThenEmpty() {
        User user = user();
        var authenticator = registered(user);
        String flowKey = newFlowKey();
        Ceremony secondFactor = passkeys.secondFactorOptions(user.id(), flowKey);

        String assertion = authenticator.get(secondFactor.publicKey(), ORIGIN, RP_ID);

        assertThat(passkeys.verifyPasswordless(flowKey, assertion)).isEmpty();
        Ceremony passwordless = passkeys.passwordlessOptions();
        assertThat(passkeys.verifyPasswordless(passwordless.flowId(), assertion))
                .isEmpty();
    }

    @Test
    void passwordlessWhenChallengeExpiredThenEmpty() {
        User user = user();
        var authenticator = registered(user);
        Ceremony ceremony = passkeys.passwordlessOptions();
        String assertion = authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID);
        clock.advance(Duration.ofMinutes(6));

        assertThat(passkeys.verifyPasswordless(ceremony.flowId(), assertion)).isEmpty();
    }

    @Test
    void passwordlessWhenUserHandleMissingOrSomeoneElsesThenEmpty() {
        User user = user();
        User other = user();
        var authenticator = registered(user);

        assertThat(passwordless(authenticator.userHandle(userHandleBytes(other.id()))))
                .isEmpty();
        assertThat(passwordless(authenticator.userHandle(null))).isEmpty();
        assertThat(passwordless(authenticator.userHandle(new byte[0]))).isEmpty();
    }

    @Test
    void passwordlessWhenCredentialUnknownThenEmpty() {
        Ceremony ceremony = passkeys.passwordlessOptions();
        var stranger = new SoftwareAuthenticator().userHandle(userHandleBytes(user().id()));

        assertThat(passkeys.verifyPasswordless(ceremony.flowId(), stranger.get(ceremony.publicKey(), ORIGIN, RP_ID)))
                .isEmpty();
        assertThat(passkeys.verifyPasswordless("bad flow", "{}")).isEmpty();
    }

    // Managing passkeys

    @Test
    void removeThenOnlyTheOwnersPasskeyGoes() {
        User user = user();
        User other = user();
        registered(user);
        var kept = registered(user);
        List<PasskeyView> before = passkeys.list(user.id());

        assertThat(passkeys.remove(other.id(), before.get(0).id())).isFalse();
        assertThat(passkeys.remove(user.id(), before.get(0).id())).isTrue();
        assertThat(passkeys.remove(user.id(), before.get(0).id())).isFalse();

        assertThat(passkeys.list(user.id())).containsExactly(before.get(1));
        assertThat(secondFactor(user.id(), kept)).isTrue();
    }

    @Test
    void removeAllThenNoneLeftAndTheirAssertionsFail() {
        User user = user();
        var authenticator = registered(user);
        registered(user);

        assertThat(passkeys.removeAll(user.id())).isEqualTo(2);

        assertThat(passkeys.list(user.id())).isEmpty();
        assertThat(passkeys.list(user.id())).isEmpty();
        assertThat(secondFactor(user.id(), authenticator)).isFalse();
        assertThat(passkeys.removeAll(user.id())).isZero();
    }

    @Test
    void pruneThenExpiredChallengesGoAndLiveOnesStay() {
        User user = user();
        Ceremony expired = passkeys.registrationOptions(user);
        clock.advance(Duration.ofMinutes(4));
        Ceremony live = passkeys.registrationOptions(user);
        clock.advance(Duration.ofMinutes(2));

        challenges.pruneExpired();

        assertThat(challengeRows(expired.flowId())).isZero();
        assertThat(challengeRows(live.flowId())).isOne();
    }

    // Helpers

    private User user() {
        return userAccounts.findById(newUser().id()).orElseThrow();
    }

    private SoftwareAuthenticator registered(User user) {
        var authenticator = new SoftwareAuthenticator();
        register(user, authenticator, "Key " + authenticator.credentialId().substring(0, 6));
        return authenticator;
    }

    private void register(User user, SoftwareAuthenticator authenticator, String name) {
        Ceremony ceremony = passkeys.registrationOptions(user);
        passkeys.register(user, ceremony.flowId(), authenticator.create(ceremony.publicKey(), ORIGIN, RP_ID), name);
    }

    private boolean secondFactor(long userId, SoftwareAuthenticator authenticator) {
        String flowKey = newFlowKey();
        Ceremony ceremony = passkeys.secondFactorOptions(userId, flowKey);
        return passkeys.verifySecondFactor(userId, flowKey, authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID));
    }

    private OptionalLong passwordless(SoftwareAuthenticator authenticator) {
        Ceremony ceremony = passkeys.passwordlessOptions();
        return passkeys.verifyPasswordless(ceremony.flowId(), authenticator.get(ceremony.publicKey(), ORIGIN, RP_ID));
    }

    private static String newFlowKey() {
        return SecretTokens.hash(SecretTokens.newToken());
    }

    private long storedSignCount(SoftwareAuthenticator authenticator) {
        return jdbc.sql("SELECT sign_count FROM passkeys WHERE credential_id = ?")
                .param(authenticator.credentialId())
                .query(Long.class)
                .single();
    }

    private long challengeRows(String flowId) {
        return jdbc.sql("SELECT COUNT(*) FROM webauthn_challenges WHERE flow_id = ?")
                .param(flowId)
                .query(Long.class)
                .single();
    }

    private static byte[] userHandleBytes(long userId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(userId).array();
    }

    private static String userHandleOf(long userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(userHandleBytes(userId));
    }

    private static void assertInvalidPasskey(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidPasskey.class, refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(refusal.error()).isEqualTo("The passkey could not be verified.");
            assertThat(refusal.fieldErrors()).containsOnlyKeys("credential");
        });
    }

    private static void assertNameRefused(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        refusal -> assertThat(refusal.fieldErrors()).containsOnlyKeys("name"));
    }
}
