package io.keyhold.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.lockout.*}: failed logins before a lock, and how long locks last. */
@ConfigurationProperties("keyhold.lockout")
record LockoutProperties(
        @DefaultValue("5") int threshold,
        @DefaultValue("1m") Duration base,
        @DefaultValue("1h") Duration max) {

    LockoutProperties {
        if (threshold < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("keyhold.lockout needs threshold ≥ 1 and 0 < base ≤ max");
        }
    }

    /** The lock after {@code level} earlier ones: base, doubled each time, never above max. */
    Duration lockFor(int level) {
        Duration lock = base;
        for (int i = 0; i < level && lock.compareTo(max) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(max) > 0 ? max : lock;
    }
}
