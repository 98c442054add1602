package io.keyhold.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets at rest: AES-256-GCM under the configured key, or one generated once into a file. */
class EncryptionKeyTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private static EncryptionKey withKey(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new EncryptionKey(
                new EncryptionKeyProperties(Base64.getEncoder().encodeToString(key), Path.of("unused")));
    }

    @Test
    void encryptsWithAFreshNonceAndDecryptsUnderTheSameKeyOnly() {
        String first = withKey((byte) 1).encrypt(SECRET);
        byte[] altered = Base64.getDecoder().decode(first);
        altered[altered.length - 1] ^= 1;

        assertThat(withKey((byte) 1).encrypt(SECRET)).isNotEqualTo(first);
        assertThat(withKey((byte) 1).decrypt(first))
                .as("another node with the same key")
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> withKey((byte) 2).decrypt(first)).isInstanceOf(WrongEncryptionKey.class);
        assertThatThrownBy(() -> withKey((byte) 1).decrypt(Base64.getEncoder().encodeToString(altered)))
                .isInstanceOf(WrongEncryptionKey.class);
    }

    @Test
    void derivedMacKeysDifferByPurposeAndByKey() {
        assertThat(withKey((byte) 1).derivedMacKey("recovery codes").getEncoded())
                .isEqualTo(withKey((byte) 1).derivedMacKey("recovery codes").getEncoded())
                .isNotEqualTo(withKey((byte) 1).derivedMacKey("something else").getEncoded())
                .isNotEqualTo(withKey((byte) 2).derivedMacKey("recovery codes").getEncoded());
    }

    @Test
    void withoutAKeyOneIsGeneratedOnceIntoAnOwnerOnlyFileAndKept() throws Exception {
        Path file = directory.resolve("data/mfa-encryption.key");
        var properties = new EncryptionKeyProperties(null, file);

        String stored = new EncryptionKey(properties).encrypt(SECRET);

        assertThat(Base64.getDecoder().decode(Files.readString(file))).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new EncryptionKey(properties).decrypt(stored))
                .as("after a restart")
                .isEqualTo(SECRET);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "AAAA", "not base64 at all!"})
    void aKeyThatIsNot32BytesInBase64IsRefusedAtStart(String key) {
        assertThatThrownBy(() -> new EncryptionKey(new EncryptionKeyProperties(key, Path.of("unused"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyhold.mfa.encryption-key must be 32 bytes in base64")
                .hasMessageNotContaining(key);
    }
}
