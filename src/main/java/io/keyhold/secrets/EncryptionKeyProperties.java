package io.keyhold.secrets;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.mfa.encryption-key} and {@code keyhold.mfa.key-file}: named for second factors,
 * their first users, and kept so for the installations that set them.
 *
 * @param encryptionKey base64 of 32 bytes; every node needs the same one
 * @param keyFile where a key is generated and kept when {@code encryptionKey} is not set
 */
@ConfigurationProperties("keyhold.mfa")
public record EncryptionKeyProperties(
        String encryptionKey,
        @DefaultValue("./data/mfa-encryption.key") Path keyFile) {}
