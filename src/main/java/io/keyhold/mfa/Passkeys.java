package io.keyhold.mfa;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.keyhold.mfa.PasskeyRepository.StoredPasskey;
import io.keyhold.mfa.WebAuthnChallenges.Purpose;
import io.keyhold.mfa.WebAuthnProperties.RelyingParty;
import io.keyhold.problems.FieldErrors;
import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.User;
import io.keyhold.web.PublicUrlProperties;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkeys (WebAuthn credentials, SPEC §13): their registration, their use as a second factor after a
 * password, and their use alone. Each ceremony is two calls: one answers the options a browser hands
 * to {@code navigator.credentials} (in WebAuthn's JSON form) under a flow id, the other checks what
 * the browser answered ({@code PublicKeyCredential.toJSON()}) against that flow's challenge, which it
 * uses up. webauthn4j does the checking; attestation is not verified, since Keyhold trusts no
 * particular authenticator maker.
 */
@Component
public class Passkeys {

    /** A ceremony begun: its flow id and the options for the browser, in WebAuthn Level 3 JSON form. */
    public record Ceremony(String flowId, JsonNode publicKey) {}

    /** A passkey as its owner and staff see it: never its key or credential id. */
    public record PasskeyView(long id, String name, Instant createdAt, Instant lastUsedAt) {}

    static final int NAME_MAX_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private static final Set<AuthenticatorTransport> KNOWN_TRANSPORTS = Set.of(
            AuthenticatorTransport.USB,
            AuthenticatorTransport.NFC,
            AuthenticatorTransport.BLE,
            AuthenticatorTransport.SMART_CARD,
            AuthenticatorTransport.HYBRID,
            AuthenticatorTransport.INTERNAL);

    /** WebAuthn's limit on a credential id; longer ones are refused (and would not fit the column). */
    private static final int CREDENTIAL_ID_MAX_BYTES = 1023;

    /** The {@code attested_data} column's width: an RSA-4096 key with the longest credential id fits. */
    private static final int ATTESTED_DATA_MAX_LENGTH = 4000;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PasskeyRepository passkeys;
    private final WebAuthnChallenges challenges;
    private final Clock clock;
    private final RelyingParty relyingParty;
    private final Set<Origin> origins;
    private final WebAuthnManager webAuthn;
    private final AttestedCredentialDataConverter attestedData;

    Passkeys(
            PasskeyRepository passkeys,
            WebAuthnChallenges challenges,
            Clock clock,
            WebAuthnProperties properties,
            PublicUrlProperties publicUrl) {
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.clock = clock;
        this.relyingParty = properties.relyingParty(publicUrl);
        this.origins = relyingParty.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        var converter = new ObjectConverter();
        this.webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.attestedData = new AttestedCredentialDataConverter(converter);
    }

    /** Begins adding a passkey to the user: options that exclude the passkeys the user has already. */
    public Ceremony registrationOptions(User user) {
        String flowId = newFlowId();
        String challenge = challenges.begin(flowId, Purpose.REGISTER, user.id());
        ObjectNode options = JSON.objectNode();
        options.putObject("rp").put("id", relyingParty.id()).put("name", relyingParty.name());
        options.putObject("user")
                .put("id", BASE64URL.encodeToString(userHandle(user.id())))
                .put("name", user.email())
                .put("displayName", user.name() == null || user.name().isBlank() ? user.email() : user.name());
        options.put("challenge", challenge);
        ArrayNode algorithms = options.putArray("pubKeyCredParams");
        ALGORITHMS.forEach(algorithm -> algorithms
                .addObject()
                .put("type", algorithm.getType().getValue())
                .put("alg", algorithm.getAlg().getValue()));
        options.put("timeout", WebAuthnChallenges.LIFETIME.toMillis());
        describe(options.putArray("excludeCredentials"), passkeys.findByUser(user.id()));
        options.putObject("authenticatorSelection")
                .put("residentKey", "preferred")
                .put("requireResidentKey", false)
                .put("userVerification", "preferred");
        options.put("attestation", "none");
        return new Ceremony(flowId, options);
    }

    /**
     * Finishes adding a passkey: the browser's answer must fit this user's registration flow, which
     * it uses up.
     *
     * @throws io.keyhold.problems.ValidationFailed when the name is blank or longer than 100 characters
     * @throws InvalidPasskey when the flow or the credential does not verify, or the credential is registered already
     */
    public PasskeyView register(User user, String flowId, String credentialJson, String name) {
        String passkeyName = FieldErrors.requiredName("name", name, NAME_MAX_LENGTH);
        String challenge =
                challenges.consume(flowId, Purpose.REGISTER, user.id()).orElseThrow(InvalidPasskey::new);
        RegistrationData registration =
                verifiedRegistration(credentialJson, challenge).orElseThrow(InvalidPasskey::new);
        AuthenticatorData<?> authenticatorData =
                registration.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        String attested = BASE64URL.encodeToString(attestedData.convert(credential));
        if (credential.getCredentialId().length > CREDENTIAL_ID_MAX_BYTES
                || attested.length() > ATTESTED_DATA_MAX_LENGTH) {
            throw new InvalidPasskey();
        }
        Instant now = Timestamps.now(clock);
        var passkey = new StoredPasskey(
                0,
                user.id(),
                BASE64URL.encodeToString(credential.getCredentialId()),
                passkeyName,
                attested,
                authenticatorData.getSignCount(),
                authenticatorData.isFlagUV(),
                authenticatorData.isFlagBE(),
                authenticatorData.isFlagBS(),
                transports(registration.getTransports()),
                now,
                null);
        try {
            return new PasskeyView(passkeys.insert(passkey), passkeyName, now, null);
        } catch (DuplicateKeyException registeredAlready) {
            throw new InvalidPasskey();
        }
    }

    /** Uses up a registration flow, as {@link #register} does, where a refusal rolled that back with its transaction. */
    void endRegistration(User user, String flowId) {
        challenges.consume(flowId, Purpose.REGISTER, user.id());
    }

    /**
     * Begins a passkey check after the password: the user's passkeys are allowed, user presence
     * suffices. {@code flowKey} (64 lowercase hex digits, the caller's) names the flow; an earlier
     * challenge of the same flow is replaced.
     *
     * @throws IllegalArgumentException when {@code flowKey} is not 64 lowercase hex digits
     */
    public Ceremony secondFactorOptions(long userId, String flowKey) {
        String challenge = challenges.begin(flowKey, Purpose.SECOND_FACTOR, userId);
        ObjectNode options = requestOptions(challenge, "preferred");
        describe(options.putArray("allowCredentials"), passkeys.findByUser(userId));
        return new Ceremony(flowKey, options);
    }

    /**
     * Whether the browser's answer proves the user's passkey for this flow, which it uses up. False for
     * any failure, bad input included.
     */
    public boolean verifySecondFactor(long userId, String flowKey, String credentialJson) {
        Optional<String> challenge = challenges.consume(flowKey, Purpose.SECOND_FACTOR, userId);
        if (challenge.isEmpty()) {
            return false;
        }
        return verifiedAssertion(credentialJson, challenge.get(), false)
                .filter(assertion -> assertion.passkey().userId() == userId)
                .filter(assertion ->
                        assertion.userHandle() == null || Arrays.equals(assertion.userHandle(), userHandle(userId)))
                .map(this::recordUse)
                .orElse(false);
    }

    /**
     * Begins a login with a passkey alone: no credentials are named (the authenticator offers its own
     * for this RP), and user verification is required.
     */
    public Ceremony passwordlessOptions() {
        String flowId = newFlowId();
        String challenge = challenges.begin(flowId, Purpose.PASSWORDLESS, null);
        return new Ceremony(flowId, requestOptions(challenge, "required"));
    }

    /**
     * The id of the user whose passkey answered this passwordless flow, which it uses up; the passkey
     * must name its owner (the user handle) and have verified the user. Empty for any failure.
     */
    public OptionalLong verifyPasswordless(String flowId, String credentialJson) {
        Optional<String> challenge = challenges.consume(flowId, Purpose.PASSWORDLESS, null);
        if (challenge.isEmpty()) {
            return OptionalLong.empty();
        }
        return verifiedAssertion(credentialJson, challenge.get(), true)
                .filter(assertion -> Arrays.equals(
                        assertion.userHandle(), userHandle(assertion.passkey().userId())))
                .filter(this::recordUse)
                .map(assertion -> OptionalLong.of(assertion.passkey().userId()))
                .orElse(OptionalLong.empty());
    }

    /** The user's passkeys, oldest first. */
    public List<PasskeyView> list(long userId) {
        return passkeys.findByUser(userId).stream().map(Passkeys::view).toList();
    }

    /** Removes one of the user's passkeys; false when the user has no passkey of that id. */
    public boolean remove(long userId, long passkeyId) {
        return passkeys.deleteOwned(passkeyId, userId);
    }

    public int removeAll(long userId) {
        return passkeys.deleteByUser(userId);
    }

    /** A verified assertion: the stored passkey it was checked against and the state it leaves. */
    private record Assertion(StoredPasskey passkey, CredentialRecordImpl updated, byte[] userHandle) {}

    /**
     * Parses and checks an assertion against its stored passkey: challenge, origin, RP id, flags,
     * signature and counter. Empty for any failure. webauthn4j reports a malformed answer through
     * several exception types (Jackson's, its own, and null checks), so every runtime exception of
     * this pure computation means a bad credential; the database is read outside it.
     */
    private Optional<Assertion> verifiedAssertion(String credentialJson, String challenge, boolean uvRequired) {
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(credentialJson);
        } catch (RuntimeException unreadable) {
            log.debug("Passkey assertion unreadable: {}", unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
        if (data.getCredentialId() == null) {
            return Optional.empty();
        }
        Optional<StoredPasskey> stored = passkeys.findByCredentialId(BASE64URL.encodeToString(data.getCredentialId()));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            CredentialRecordImpl record = credentialRecord(stored.get());
            webAuthn.verify(
                    data, new AuthenticationParameters(serverProperty(challenge), record, null, uvRequired, true));
            return Optional.of(new Assertion(stored.get(), record, data.getUserHandle()));
        } catch (RuntimeException refused) {
            log.debug("Passkey assertion refused: {}", refused.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Parses and checks a registration answer against its challenge; empty for any failure (see above). */
    private Optional<RegistrationData> verifiedRegistration(String credentialJson, String challenge) {
        try {
            RegistrationData data = webAuthn.parseRegistrationResponseJSON(credentialJson);
            webAuthn.verify(data, new RegistrationParameters(serverProperty(challenge), ALGORITHMS, false, true));
            return Optional.of(data);
        } catch (RuntimeException refused) {
            log.debug("Passkey registration refused: {}", refused.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Stores the counter and flags the assertion left; false if another use of the passkey came first. */
    private boolean recordUse(Assertion assertion) {
        return passkeys.recordUse(
                assertion.passkey().id(),
                assertion.passkey().signCount(),
                assertion.updated().getCounter(),
                Boolean.TRUE.equals(assertion.updated().isUvInitialized()),
                Boolean.TRUE.equals(assertion.updated().isBackedUp()),
                Timestamps.now(clock));
    }

    private CredentialRecordImpl credentialRecord(StoredPasskey passkey) {
        AttestedCredentialData credential =
                attestedData.convert(Base64.getUrlDecoder().decode(passkey.attestedData()));
        // Attestation, extensions and transports play no part in checking an assertion.
        return new CredentialRecordImpl(
                null,
                passkey.uvInitialized(),
                passkey.backupEligible(),
                passkey.backupState(),
                passkey.signCount(),
                credential,
                null,
                null,
                null,
                null);
    }

    private ServerProperty serverProperty(String challenge) {
        return new ServerProperty(origins, relyingParty.id(), new DefaultChallenge(challenge));
    }

    private ObjectNode requestOptions(String challenge, String userVerification) {
        ObjectNode options = JSON.objectNode();
        options.put("challenge", challenge);
        options.put("timeout", WebAuthnChallenges.LIFETIME.toMillis());
        options.put("rpId", relyingParty.id());
        options.put("userVerification", userVerification);
        return options;
    }

    /** Public key credential descriptors of the passkeys, with their transports as hints to the browser. */
    private static void describe(ArrayNode descriptors, List<StoredPasskey> stored) {
        for (StoredPasskey passkey : stored) {
            ObjectNode descriptor = descriptors
                    .addObject()
                    .put("type", PublicKeyCredentialType.PUBLIC_KEY.getValue())
                    .put("id", passkey.credentialId());
            if (passkey.transports() != null) {
                ArrayNode transports = descriptor.putArray("transports");
                Arrays.stream(passkey.transports().split(",")).forEach(transports::add);
            }
        }
    }

    /** The WebAuthn user handle: the user's id as 8 bytes, so it names the account and nothing else. */
    private static byte[] userHandle(long userId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(userId).array();
    }

    /** 32 random bytes as 64 hex digits, the shape of every flow id. */
    private static String newFlowId() {
        return SecretTokens.hash(SecretTokens.newToken());
    }

    /** The transports WebAuthn defines, sorted and comma-separated; others are dropped, so the column stays short. */
    private static String transports(Set<AuthenticatorTransport> transports) {
        String known = transports == null
                ? ""
                : transports.stream()
                        .filter(KNOWN_TRANSPORTS::contains)
                        .map(AuthenticatorTransport::getValue)
                        .sorted()
                        .collect(Collectors.joining(","));
        return known.isEmpty() ? null : known;
    }

    private static PasskeyView view(StoredPasskey passkey) {
        return new PasskeyView(passkey.id(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt());
    }
}
