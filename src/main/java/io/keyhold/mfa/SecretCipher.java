package io.keyhold.mfa;

import io.keyhold.secrets.EncryptionKey;
import io.keyhold.secrets.WrongEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Second factors at rest, under the {@link EncryptionKey} ({@code keyhold.mfa.encryption-key}):
 * TOTP secrets are AES-256-GCM ciphertext under it, and recovery codes are HMAC-SHA-256 under a
 * key derived from it, so a copy of the database alone yields neither.
 */
@Component
class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final EncryptionKey key;
    private final SecretKeySpec codeHashing;

    SecretCipher(EncryptionKey key) {
        this.key = key;
        this.codeHashing = key.derivedMacKey("recovery codes");
    }

    String encrypt(byte[] plain) {
        return key.encrypt(plain);
    }

    /** The plain bytes; a 503 when the ciphertext was made under another key or altered. */
    byte[] decrypt(String stored) {
        try {
            return key.decrypt(stored);
        } catch (WrongEncryptionKey wrongKey) {
            log.error("A TOTP secret does not decrypt: keyhold.mfa.encryption-key is not the key it was stored under. "
                    + "Give every node the key the secrets were stored under.");
            throw new SecondFactorsUnavailable();
        }
    }

    /** A recovery code as stored: keyed, so the database alone cannot test guesses offline. */
    String digestOf(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(codeHashing);
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", impossible);
        }
    }
}
