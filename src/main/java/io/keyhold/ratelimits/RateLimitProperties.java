package io.keyhold.ratelimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.rate-limits.*}: attempts per client IP and minute; 0 turns a limit off. */
@ConfigurationProperties("keyhold.rate-limits")
public record RateLimitProperties(
        @DefaultValue("20") int login,
        @DefaultValue("10") int signup,
        @DefaultValue("5") int passwordReset) {}
