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
     * Records {@code step} as used by a login or a change, only if it is later than the last one
     * used: false when another request used this step or a later one first, so one code cannot
     * serve twice, even on two nodes.
     */
    boolean useStep(long userId, long step) {
        return jdbc.sql(
                                "UPDATE totp_secrets SET last_step = ? WHERE user_id = ? AND last_step < ? AND confirmed = TRUE")
                        .params(step, userId, step)
                        .update()
                == 1;
    }

    /**
     * Turns on the pending secret the code was made from, recording its step as used. False when
     * that secret was replaced meanwhile: a code from one secret never turns on another.
     */
    boolean confirm(long userId, String secret, long step, Instant now) {
        return jdbc.sql("UPDATE totp_secrets SET confirmed = TRUE, created_at = ?, last_step = ? "
                                + "WHERE user_id = ? AND secret = ? AND confirmed = FALSE")
                        .params(toSql(now), step, userId, secret)
                        .update()
                == 1;
    }

    boolean delete(long userId) {
        return jdbc.sql("DELETE FROM totp_secrets WHERE user_id = ?")
                        .param(userId)
                        .update()
                > 0;
    }
}
