package io.keyhold.mfa;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.mfa.*}.
 *
 * @param issuer the name authenticator apps show next to the account
 * @param encryptionKey base64 of 32 bytes; TOTP secrets are encrypted under it and recovery codes
 *     keyed with it, so every node needs the same one
 * @param keyFile where a key is generated and kept when {@code encryptionKey} is not set
 * @param requiredForStaff whether staff must set up a second factor before any staff-only action
 */
@ConfigurationProperties("keyhold.mfa")
public record MfaProperties(
        @DefaultValue("Keyhold") String issuer,
        String encryptionKey,
        @DefaultValue("./data/mfa-encryption.key") Path keyFile,
        @DefaultValue("false") boolean requiredForStaff) {}
