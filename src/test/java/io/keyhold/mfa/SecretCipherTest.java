package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.secrets.EncryptionKey;
import io.keyhold.secrets.EncryptionKeyProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** TOTP secrets and recovery codes at rest, under the configured key (see EncryptionKeyTest for the key itself). */
class SecretCipherTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static SecretCipher withKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new SecretCipher(new EncryptionKey(
                new EncryptionKeyProperties(Base64.getEncoder().encodeToString(key), Path.of("unused"))));
    }

    @Test
    void encryptsWithAFreshNonceAndDecryptsUnderTheSameKey() {
        SecretCipher cipher = withKey((byte) 1);
        String first = cipher.encrypt(SECRET);
        String second = cipher.encrypt(SECRET);

        assertThat(first)
                .isNotEqualTo(second)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET));
        assertThat(cipher.decrypt(first)).isEqualTo(SECRET);
        assertThat(withKey((byte) 1).decrypt(second))
                .as("another node with the same key")
                .isEqualTo(SECRET);
    }

    @Test
    void anotherKeyOrAnAlteredCiphertextIsA503NotAWrongCode() {
        String stored = withKey((byte) 1).encrypt(SECRET);
        byte[] altered = Base64.getDecoder().decode(stored);
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> withKey((byte) 2).decrypt(stored)).isInstanceOf(SecondFactorsUnavailable.class);
        assertThatThrownBy(() -> withKey((byte) 1).decrypt(Base64.getEncoder().encodeToString(altered)))
                .isInstanceOf(SecondFactorsUnavailable.class);
    }

    @Test
    void recoveryCodeDigestsAreKeyed() {
        assertThat(withKey((byte) 1).digestOf("k7m2x9c4qh"))
                .isEqualTo(withKey((byte) 1).digestOf("k7m2x9c4qh"));
        assertThat(withKey((byte) 1).digestOf("k7m2x9c4qh"))
                .isNotEqualTo(withKey((byte) 2).digestOf("k7m2x9c4qh"));
    }
}
