package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TOTP secrets at rest: AES-256-GCM under the configured key, or one generated once into a file. */
class SecretCipherTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private static SecretCipher withKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new SecretCipher(
                new MfaProperties("Keyhold", Base64.getEncoder().encodeToString(key), Path.of("unused"), false));
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

    @Test
    void withoutAKeyOneIsGeneratedOnceIntoAnOwnerOnlyFileAndKept() throws Exception {
        Path file = directory.resolve("data/mfa-encryption.key");
        var properties = new MfaProperties("Keyhold", null, file, false);

        String stored = new SecretCipher(properties).encrypt(SECRET);

        assertThat(Base64.getDecoder().decode(Files.readString(file))).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new SecretCipher(properties).decrypt(stored))
                .as("after a restart")
                .isEqualTo(SECRET);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "AAAA", "not base64 at all!"})
    void aKeyThatIsNot32BytesInBase64IsRefusedAtStart(String key) {
        assertThatThrownBy(() -> new SecretCipher(new MfaProperties("Keyhold", key, Path.of("unused"), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyhold.mfa.encryption-key must be 32 bytes in base64")
                .hasMessageNotContaining(key);
    }
}
