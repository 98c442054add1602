package io.keyhold.mfa;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mfa_logins} table: logins waiting for their second factor, by token hash. */
@Repository
class MfaLoginRepository {

    record PendingRow(String tokenHash, long userId, Instant expiresAt, int failures, boolean proven) {}

    private final JdbcClient jdbc;

    MfaLoginRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, long userId, Instant expiresAt) {
        jdbc.sql(
                        "INSERT INTO mfa_logins (token_hash, user_id, expires_at, failures, proven) VALUES (?, ?, ?, 0, FALSE)")
                .params(tokenHash, userId, toSql(expiresAt))
                .update();
    }

    Optional<PendingRow> lock(String tokenHash) {
        return jdbc.sql(
                        "SELECT token_hash, user_id, expires_at, failures, proven FROM mfa_logins WHERE token_hash = ? FOR UPDATE")
                .param(tokenHash)
                .query((row, number) -> new PendingRow(
                        row.getString("token_hash"),
                        row.getLong("user_id"),
                        fromSql(row, "expires_at"),
                        row.getInt("failures"),
                        row.getBoolean("proven")))
                .optional();
    }

    /** Counts a wrong code; the row goes at the limit. In one statement each, so nodes cannot overrun it. */
    void recordFailure(String tokenHash, int limit) {
        jdbc.sql("UPDATE mfa_logins SET failures = failures + 1 WHERE token_hash = ?")
                .param(tokenHash)
                .update();
        jdbc.sql("DELETE FROM mfa_logins WHERE token_hash = ? AND failures >= ?")
                .params(tokenHash, limit)
                .update();
    }

    void markProven(String tokenHash) {
        jdbc.sql("UPDATE mfa_logins SET proven = TRUE WHERE token_hash = ?")
                .param(tokenHash)
                .update();
    }

    void delete(String tokenHash) {
        jdbc.sql("DELETE FROM mfa_logins WHERE token_hash = ?").param(tokenHash).update();
    }

    void deleteByUser(long userId) {
        jdbc.sql("DELETE FROM mfa_logins WHERE user_id = ?").param(userId).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM mfa_logins WHERE expires_at <= ?")
                .param(toSql(now))
                .update();
    }
}
