package io.keyhold.sessions;

import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.sessions.*}: login policy and how long a token lives; the admin console's cookie
 * sessions have shorter limits of their own.
 */
@ConfigurationProperties("keyhold.sessions")
public record SessionProperties(
        @DefaultValue("single") SessionPolicy policy,
        @DefaultValue("10") int maxPerUser,
        @DefaultValue("7d") Duration idleTimeout,
        @DefaultValue("30d") Duration absoluteTimeout,
        @DefaultValue("30m") Duration consoleIdleTimeout,
        @DefaultValue("12h") Duration consoleAbsoluteTimeout) {

    public SessionProperties {
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("keyhold.sessions.max-per-user must be at least 1");
        }
        if (Stream.of(idleTimeout, absoluteTimeout, consoleIdleTimeout, consoleAbsoluteTimeout)
                .anyMatch(timeout -> timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("keyhold.sessions timeouts must be positive");
        }
    }

    public Duration idleTimeoutOf(SessionChannel channel) {
        return channel == SessionChannel.CONSOLE ? consoleIdleTimeout : idleTimeout;
    }

    public Duration absoluteTimeoutOf(SessionChannel channel) {
        return channel == SessionChannel.CONSOLE ? consoleAbsoluteTimeout : absoluteTimeout;
    }
}
