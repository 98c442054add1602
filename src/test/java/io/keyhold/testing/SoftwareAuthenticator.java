package io.keyhold.testing;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A passkey in software: it makes real WebAuthn registrations (attestation {@code none}) and
 * assertions, signed with a JDK key, and hands them over in the form a browser's {@code
 * PublicKeyCredential.toJSON()} gives. Unlike a real authenticator it does what the test says: it
 * answers for any RP id and origin, ignores {@code allowCredentials}, and its counter and flags are
 * set at will, so tests can present what a browser never would.
 */
public final class SoftwareAuthenticator {

    /** The signature algorithms Keyhold offers, by COSE id. */
    public enum Algorithm {
        ES256(COSEAlgorithmIdentifier.ES256, "SHA256withECDSA"),
        EDDSA(COSEAlgorithmIdentifier.EdDSA, "Ed25519"),
        RS256(COSEAlgorithmIdentifier.RS256, "SHA256withRSA");

        private final COSEAlgorithmIdentifier cose;
        private final String jcaSignature;

        Algorithm(COSEAlgorithmIdentifier cose, String jcaSignature) {
            this.cose = cose;
            this.jcaSignature = jcaSignature;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Algorithm algorithm;
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];

    private byte[] userHandle;
    private long signCount;
    private boolean countsUp = true;
    private boolean userPresent = true;
    private boolean userVerified = true;
    private boolean backupEligible;
    private boolean backupState;

    public SoftwareAuthenticator() {
        this(Algorithm.ES256);
    }

    public SoftwareAuthenticator(Algorithm algorithm) {
        this.algorithm = algorithm;
        this.keys = generateKeys(algorithm);
        RANDOM.nextBytes(credentialId);
    }

    /** The credential id as the server stores and the browser sends it (base64url). */
    public String credentialId() {
        return BASE64URL.encodeToString(credentialId);
    }

    /** The counter the next registration reports; an assertion first adds one, as authenticators do. */
    public SoftwareAuthenticator signCount(long value) {
        signCount = value;
        return this;
    }

    public long signCount() {
        return signCount;
    }

    /** Whether assertions raise the counter; off, it stays at what {@link #signCount(long)} set. */
    public SoftwareAuthenticator countsUp(boolean value) {
        countsUp = value;
        return this;
    }

    public SoftwareAuthenticator userPresent(boolean value) {
        userPresent = value;
        return this;
    }

    public SoftwareAuthenticator userVerified(boolean value) {
        userVerified = value;
        return this;
    }

    /** The backup flags: BE (may be synced) and BS (is synced). */
    public SoftwareAuthenticator backup(boolean eligible, boolean state) {
        backupEligible = eligible;
        backupState = state;
        return this;
    }

    /** The user handle assertions carry (null: none); registration sets it to the options' {@code user.id}. */
    public SoftwareAuthenticator userHandle(byte[] value) {
        userHandle = value == null ? null : value.clone();
        return this;
    }

    /**
     * Answers creation options as a browser at {@code origin} would, for the given RP id (normally
     * the options' {@code rp.id}), with a {@code none} attestation.
     */
    public String create(JsonNode options, String origin, String rpId) {
        userHandle = BASE64URL_DECODER.decode(options.get("user").get("id").asString());
        byte[] clientData =
                clientData("webauthn.create", options.get("challenge").asString(), origin);
        var attested = new AttestedCredentialData(AAGUID.ZERO, credentialId, coseKey());
        var authenticatorData = new AuthenticatorData<RegistrationExtensionAuthenticatorOutput>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (flags() | AuthenticatorData.BIT_AT),
                signCount,
                attested);
        byte[] authenticatorDataBytes = new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData);
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));

        ObjectNode credential = credentialJson();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.put("attestationObject", BASE64URL.encodeToString(attestationObject));
        response.put("authenticatorData", BASE64URL.encodeToString(authenticatorDataBytes));
        response.putArray("transports").add("hybrid").add("internal");
        response.put("publicKey", BASE64URL.encodeToString(keys.getPublic().getEncoded()));
        response.put("publicKeyAlgorithm", algorithm.cose.getValue());
        return JSON.writeValueAsString(credential);
    }

    /** Answers request options as a browser at {@code origin} would, for the given RP id. */
    public String get(JsonNode options, String origin, String rpId) {
        if (countsUp) {
            signCount++;
        }
        byte[] clientData = clientData("webauthn.get", options.get("challenge").asString(), origin);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                        sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(), signCount));
        byte[] signed = ByteBuffer.allocate(authenticatorData.length + 32)
                .put(authenticatorData)
                .put(sha256(clientData))
                .array();

        ObjectNode credential = credentialJson();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.put("authenticatorData", BASE64URL.encodeToString(authenticatorData));
        response.put("signature", BASE64URL.encodeToString(sign(signed)));
        if (userHandle != null) {
            response.put("userHandle", BASE64URL.encodeToString(userHandle));
        }
        return JSON.writeValueAsString(credential);
    }

    private ObjectNode credentialJson() {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private byte flags() {
        int flags = (userPresent ? AuthenticatorData.BIT_UP : 0)
                | (userVerified ? AuthenticatorData.BIT_UV : 0)
                | (backupEligible ? AuthenticatorData.BIT_BE : 0)
                | (backupState ? AuthenticatorData.BIT_BS : 0);
        return (byte) flags;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", type);
        clientData.put("challenge", challenge);
        clientData.put("origin", origin);
        clientData.put("crossOrigin", false);
        return JSON.writeValueAsBytes(clientData);
    }

    private COSEKey coseKey() {
        return switch (algorithm) {
            case ES256 -> EC2COSEKey.create((ECPublicKey) keys.getPublic(), algorithm.cose);
            case EDDSA -> EdDSACOSEKey.create((EdECPublicKey) keys.getPublic(), algorithm.cose);
            case RS256 -> RSACOSEKey.create((RSAPublicKey) keys.getPublic(), algorithm.cose);
        };
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaSignature);
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static KeyPair generateKeys(Algorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ES256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case EDDSA -> generator = KeyPairGenerator.getInstance("Ed25519");
                default -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
