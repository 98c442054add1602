package io.keyhold.auth;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-account lockout (SPEC §8): after {@code threshold} failed logins in a row an address is
 * locked, for a time that doubles with each lock up to the maximum; a successful login clears it.
 * Counters are rows in the database, incremented by the statement itself and decided under that
 * row's lock, so concurrent failures on several nodes are all counted.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final LockoutProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter lockouts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    LoginThrottle(
            JdbcClient jdbc,
            LockoutProperties properties,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meters,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
        this.lockouts = Counter.builder("keyhold.lockouts")
                .description("Addresses locked after repeated failed logins")
                .register(meters);
    }

    /** @throws AccountLocked with {@code Retry-After} while the address is locked */
    void requireUnlocked(String emailKey) {
        checkUnlocked(emailKey, "");
    }

    /**
     * {@link #requireUnlocked}, holding the counter's row lock until the transaction ends: second
     * factors are checked under it, so parallel wrong codes, on one node or several, are counted
     * one after another and none is checked once the address is locked. The counter must exist
     * ({@link #ensureCounter}).
     */
    void lockUnlocked(String emailKey) {
        checkUnlocked(emailKey, " FOR UPDATE");
    }

    private void checkUnlocked(String emailKey, String locking) {
        Instant now = Timestamps.now(clock);
        Optional<Instant> lockedUntil = jdbc.sql(
                        "SELECT locked_until FROM login_throttle WHERE email_key = ?" + locking)
                .param(emailKey)
                .query((row, number) -> Optional.ofNullable(fromSql(row, "locked_until")))
                .optional()
                .flatMap(until -> until)
                .filter(now::isBefore);
        if (lockedUntil.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, lockedUntil.get()).toSeconds() + 1);
            throw new AccountLocked(Duration.ofSeconds(seconds));
        }
    }

    /**
     * Counts a failure (a wrong password, or a wrong second factor: {@code event} says which),
     * recording it in the audit trail in the same transaction; the failure that reaches the
     * threshold starts the next, longer lock.
     */
    void recordFailure(String emailKey, Long userId, AuditType event, String reason) {
        if (Boolean.TRUE.equals(transaction.execute(status -> countFailure(emailKey, userId, event, reason)))) {
            return;
        }
        // First failure for this address.
        ensureCounter(emailKey);
        transaction.execute(status -> countFailure(emailKey, userId, event, reason));
    }

    /**
     * Creates the address's counter unless it has one. Outside any transaction: on PostgreSQL a
     * duplicate-key error, when another node creates the row at the same moment, ends the transaction.
     */
    void ensureCounter(String emailKey) {
        try {
            jdbc.sql("INSERT INTO login_throttle (email_key, failures, lock_level) VALUES (?, 0, 0)")
                    .param(emailKey)
                    .update();
        } catch (DuplicateKeyException raced) {
            // Created by a concurrent failure or check; ours counts on it.
        }
    }

    /** False when the address has no row yet. */
    private boolean countFailure(String emailKey, Long userId, AuditType event, String reason) {
        int rows = jdbc.sql("UPDATE login_throttle SET failures = failures + 1 WHERE email_key = ?")
                .param(emailKey)
                .update();
        if (rows == 0) {
            return false;
        }
        audit.record(event, userId, reason);
        // The increment holds the row's lock until commit: this read and update are ours alone.
        Failures counter = jdbc.sql("SELECT failures, lock_level FROM login_throttle WHERE email_key = ?")
                .param(emailKey)
                .query((row, number) -> new Failures(row.getInt("failures"), row.getInt("lock_level")))
                .single();
        if (counter.failures() >= properties.threshold()) {
            Instant until = Timestamps.now(clock).plus(properties.lockFor(counter.lockLevel()));
            jdbc.sql("UPDATE login_throttle SET failures = 0, lock_level = lock_level + 1, locked_until = ? "
                            + "WHERE email_key = ?")
                    .params(toSql(until), emailKey)
                    .update();
            lockouts.increment();
            audit.record(AuditType.ACCOUNT_LOCKED, userId, "locked until " + Timestamps.format(until));
            if (userId != null) {
                events.publishEvent(new LoginEvents.Locked(userId, until));
            }
        }
        return true;
    }

    void recordSuccess(String emailKey) {
        jdbc.sql("DELETE FROM login_throttle WHERE email_key = ?")
                .param(emailKey)
                .update();
    }

    private record Failures(int failures, int lockLevel) {}
}
