package io.keyhold.mfa;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code totp_secrets} table: one secret per user, encrypted. */
@Repository
class TotpRepository {

    /** A user's TOTP secret as stored; {@code secret} is ciphertext. */
    record StoredTotp(long userId, String secret, boolean confirmed, Instant createdAt, long lastStep) {

        @Override
        public String toString() {
            return "StoredTotp[userId=" + userId + ", confirmed=" + confirmed + "]";
        }
    }

    private final JdbcClient jdbc;

    TotpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredTotp> find(long userId) {
        return jdbc.sql("SELECT user_id, secret, confirmed, created_at, last_step FROM totp_secrets WHERE user_id = ?")
                .param(userId)
                .query((row, number) -> new StoredTotp(
                        row.getLong("user_id"),
                        row.getString("secret"),
                        row.getBoolean("confirmed"),
                        fromSql(row, "created_at"),
                        row.getLong("last_step")))
                .optional();
    }

    /** Replaces an unconfirmed secret (enrolment begun again); never a confirmed one. */
    void savePending(long userId, String secret, Instant now) {
        jdbc.sql("DELETE FROM totp_secrets WHERE user_id = ? AND confirmed = FALSE")
                .param(userId)
                .update();
        jdbc.sql(
                        "INSERT INTO totp_secrets (user_id, secret, confirmed, created_at, last_step) VALUES (?, ?, FALSE, ?, ?)")
                .params(userId, secret, toSql(now), Long.MIN_VALUE)
                .update();
    }

    /**
     * Records {@code step} as used, only if it is later than the last one used: false when another
     * request used this step or a later one first, so one code cannot log in twice, even on two nodes.
     */
    boolean useStep(long userId, long step, boolean confirm, Instant now) {
        String confirming = confirm ? ", confirmed = TRUE, created_at = ?" : "";
        var statement = jdbc.sql("UPDATE totp_secrets SET last_step = ?" + confirming
                        + " WHERE user_id = ? AND last_step < ? AND confirmed = ?")
                .param(step);
        if (confirm) {
            statement = statement.param(toSql(now));
        }
        return statement.param(userId).param(step).param(!confirm).update() == 1;
    }

    boolean delete(long userId) {
        return jdbc.sql("DELETE FROM totp_secrets WHERE user_id = ?")
                        .param(userId)
                        .update()
                > 0;
    }
}
