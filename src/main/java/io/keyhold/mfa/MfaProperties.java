package io.keyhold.mfa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.mfa.*}. The key second factors are sealed under ({@code encryption-key}, {@code
 * key-file}) is read by {@link io.keyhold.secrets.EncryptionKeyProperties}, as webhook secrets
 * are sealed under it too.
 *
 * @param issuer the name authenticator apps show next to the account
 * @param requiredForStaff whether staff must set up a second factor before any staff-only action
 */
@ConfigurationProperties("keyhold.mfa")
public record MfaProperties(
        @DefaultValue("Keyhold") String issuer,
        @DefaultValue("false") boolean requiredForStaff) {}
