package io.keyhold.mail;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account_tokens} table. */
@Repository
class AccountTokenRepository {

    private final JdbcClient jdbc;

    AccountTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long userId, AccountToken.Purpose purpose, String tokenHash, String email, Instant now) {
        jdbc.sql("""
                INSERT INTO account_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
                .params(userId, purpose.name(), tokenHash, email, toSql(now), toSql(now.plus(purpose.lifetime)))
                .update();
    }

    /** The token if it exists, is for this purpose, is unspent and has not expired. */
    Optional<AccountToken> findUsable(String tokenHash, AccountToken.Purpose purpose, Instant now) {
        return jdbc.sql("""
                SELECT id, user_id, purpose, email, created_at, expires_at FROM account_tokens
                WHERE token_hash = ? AND purpose = ? AND consumed_at IS NULL AND expires_at > ?
                """)
                .params(tokenHash, purpose.name(), toSql(now))
                .query((row, number) -> new AccountToken(
                        row.getLong("id"),
                        row.getLong("user_id"),
                        AccountToken.Purpose.valueOf(row.getString("purpose")),
                        row.getString("email"),
                        fromSql(row, "created_at"),
                        fromSql(row, "expires_at")))
                .optional();
    }

    /** Spends the token; false if another request spent it first. */
    boolean consume(long id, Instant now) {
        return jdbc.sql("UPDATE account_tokens SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL")
                        .params(toSql(now), id)
                        .update()
                > 0;
    }

    /** Retires every unspent token of the user for this purpose: a newer one, or a new password, replaces them. */
    void consumeAll(long userId, AccountToken.Purpose purpose, Instant now) {
        jdbc.sql("UPDATE account_tokens SET consumed_at = ? WHERE user_id = ? AND purpose = ? AND consumed_at IS NULL")
                .params(toSql(now), userId, purpose.name())
                .update();
    }

    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM account_tokens WHERE expires_at < ?")
                .param(toSql(cutoff))
                .update();
    }
}
