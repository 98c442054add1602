package io.keyhold.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.sessions.*}: login policy and how long a token lives. */
@ConfigurationProperties("keyhold.sessions")
public record SessionProperties(
        @DefaultValue("single") SessionPolicy policy,
        @DefaultValue("10") int maxPerUser,
        @DefaultValue("7d") Duration idleTimeout,
        @DefaultValue("30d") Duration absoluteTimeout) {

    public SessionProperties {
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("keyhold.sessions.max-per-user must be at least 1");
        }
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero()) {
            throw new IllegalArgumentException("keyhold.sessions timeouts must be positive");
        }
    }
}
