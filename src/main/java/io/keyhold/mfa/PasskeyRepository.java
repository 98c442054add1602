package io.keyhold.mfa;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code passkeys} table. Credential ids and attested credential data are kept as base64url. */
@Repository
class PasskeyRepository {

    /** A stored passkey. {@code transports} is the authenticator's list, comma-separated, or null. */
    record StoredPasskey(
            long id,
            long userId,
            String credentialId,
            String name,
            String attestedData,
            long signCount,
            boolean uvInitialized,
            boolean backupEligible,
            boolean backupState,
            String transports,
            Instant createdAt,
            Instant lastUsedAt) {}

    private static final String COLUMNS = "id, user_id, credential_id, name, attested_data, sign_count, uv_initialized,"
            + " backup_eligible, backup_state, transports, created_at, last_used_at";

    private static final RowMapper<StoredPasskey> PASSKEYS = (row, number) -> map(row);

    private final JdbcClient jdbc;

    PasskeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the passkey and answers its new id; a credential id already stored fails on the unique key. */
    long insert(StoredPasskey passkey) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO passkeys (user_id, credential_id, name, attested_data, sign_count, uv_initialized,
                                      backup_eligible, backup_state, transports, created_at, last_used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        passkey.userId(),
                        passkey.credentialId(),
                        passkey.name(),
                        passkey.attestedData(),
                        passkey.signCount(),
                        passkey.uvInitialized(),
                        passkey.backupEligible(),
                        passkey.backupState(),
                        passkey.transports(),
                        toSql(passkey.createdAt()),
                        toSql(passkey.lastUsedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<StoredPasskey> findByCredentialId(String credentialId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM passkeys WHERE credential_id = ?")
                .param(credentialId)
                .query(PASSKEYS)
                .optional();
    }

    /** The user's passkeys, oldest first. */
    List<StoredPasskey> findByUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM passkeys WHERE user_id = ? ORDER BY created_at, id")
                .param(userId)
                .query(PASSKEYS)
                .list();
    }

    /**
     * Records a verified use: the new counter and flags and the time. Only if the counter is still
     * the one the verification read, so of two assertions checked at once against one counter value
     * only one counts.
     */
    boolean recordUse(
            long id, long verifiedSignCount, long signCount, boolean uvInitialized, boolean backupState, Instant now) {
        return jdbc.sql("""
                        UPDATE passkeys SET sign_count = ?, uv_initialized = ?, backup_state = ?, last_used_at = ?
                        WHERE id = ? AND sign_count = ?
                        """)
                        .params(signCount, uvInitialized, backupState, toSql(now), id, verifiedSignCount)
                        .update()
                > 0;
    }

    boolean deleteOwned(long id, long userId) {
        return jdbc.sql("DELETE FROM passkeys WHERE id = ? AND user_id = ?")
                        .params(id, userId)
                        .update()
                > 0;
    }

    int deleteByUser(long userId) {
        return jdbc.sql("DELETE FROM passkeys WHERE user_id = ?").param(userId).update();
    }

    private static StoredPasskey map(ResultSet row) throws SQLException {
        return new StoredPasskey(
                row.getLong("id"),
                row.getLong("user_id"),
                row.getString("credential_id"),
                row.getString("name"),
                row.getString("attested_data"),
                row.getLong("sign_count"),
                row.getBoolean("uv_initialized"),
                row.getBoolean("backup_eligible"),
                row.getBoolean("backup_state"),
                row.getString("transports"),
                fromSql(row, "created_at"),
                fromSql(row, "last_used_at"));
    }
}
