package io.keyhold.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.mail.*}: the sender, and the link templates, in which {@code {public-url}} and
 * {@code {token}} are replaced. Point the templates at an application's own pages to handle the
 * links there instead of on Keyhold's.
 */
@ConfigurationProperties("keyhold.mail")
public record MailProperties(
        @DefaultValue("Keyhold <no-reply@localhost>") String from,

        @DefaultValue("{public-url}/reset-password?token={token}")
        String resetUrl,

        @DefaultValue("{public-url}/verify-email?token={token}")
        String verifyUrl) {}
