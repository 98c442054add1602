package io.keyhold.sessions;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code sessions} table. */
@Repository
class SessionRepository {

    private static final String COLUMNS =
            "s.id AS session_id, s.user_id, s.created_at AS session_created_at, s.last_used_at, s.expires_at, s.ip, "
                    + "s.user_agent, s.channel";

    /** Idle past its channel's limit: the console's cutoff first, then the API's. */
    private static final String IDLE_BY_CHANNEL =
            "((channel = 'console' AND last_used_at <= ?) OR (channel <> 'console' AND last_used_at <= ?))";

    private static final RowMapper<Session> SESSIONS = (row, number) -> mapSession(row);

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A session and its user, read together because every authenticated request needs both. */
    record SessionAndUser(Session session, User user) {}

    /**
     * The sessions these token hashes name, with their users, by token hash: the one query of
     * authenticated requests, by the unique index on token_hash ({@link TokenLookups} sends the
     * tokens of concurrent requests together).
     */
    Map<String, SessionAndUser> findByTokenHashes(List<String> tokenHashes) {
        Map<String, SessionAndUser> found = new HashMap<>();
        jdbc.sql("SELECT s.token_hash, " + COLUMNS + ", " + UserAccounts.JOINED_COLUMNS
                        + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash IN (:hashes)")
                .param("hashes", tokenHashes)
                .query(row -> {
                    found.put(
                            row.getString("token_hash"),
                            new SessionAndUser(mapSession(row), UserAccounts.fromJoinedRow(row)));
                });
        return found;
    }

    /** The new session's id. */
    long insert(Session session, String tokenHash) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sessions (user_id, token_hash, created_at, last_used_at, expires_at, ip, user_agent, channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        session.userId(),
                        tokenHash,
                        toSql(session.createdAt()),
                        toSql(session.lastUsedAt()),
                        toSql(session.absoluteExpiry()),
                        session.ip(),
                        session.userAgent(),
                        session.channel().code())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Session> findById(long sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions s WHERE s.id = ?")
                .param(sessionId)
                .query(SESSIONS)
                .optional();
    }

    /** The user's sessions of every channel, expired ones included. */
    List<Session> findByUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions s WHERE s.user_id = ? ORDER BY s.created_at, s.id")
                .param(userId)
                .query(SESSIONS)
                .list();
    }

    /** The user's sessions of a channel, oldest first, expired ones included (the caller decides what is live). */
    List<Session> findByUser(long userId, SessionChannel channel) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM sessions s WHERE s.user_id = ? AND s.channel = ? ORDER BY s.created_at, s.id")
                .params(userId, channel.code())
                .query(SESSIONS)
                .list();
    }

    /** Records use at most once a minute: a write per request would cost more than the request. */
    void touch(long sessionId, Instant now, Instant notSince) {
        jdbc.sql("UPDATE sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?")
                .params(toSql(now), sessionId, toSql(notSince))
                .update();
    }

    /**
     * Deletes exactly these sessions: the caller read them, and reports each one it ends. A session
     * opened meanwhile was not read and stays, as it would had it opened just after.
     */
    void deleteAll(List<Long> sessionIds) {
        if (!sessionIds.isEmpty()) {
            jdbc.sql("DELETE FROM sessions WHERE id IN (:ids)")
                    .param("ids", sessionIds)
                    .update();
        }
    }

    /** Live sessions: not past their absolute expiry nor idle longer than their channel allows. */
    long countLive(Instant now, Instant apiIdleCutoff, Instant consoleIdleCutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM sessions WHERE expires_at > ? AND NOT " + IDLE_BY_CHANNEL)
                .params(toSql(now), toSql(consoleIdleCutoff), toSql(apiIdleCutoff))
                .query(Long.class)
                .single();
    }

    int deleteExpired(Instant now, Instant apiIdleCutoff, Instant consoleIdleCutoff) {
        return jdbc.sql("DELETE FROM sessions WHERE expires_at <= ? OR " + IDLE_BY_CHANNEL)
                .params(toSql(now), toSql(consoleIdleCutoff), toSql(apiIdleCutoff))
                .update();
    }

    private static Session mapSession(ResultSet row) throws SQLException {
        return new Session(
                row.getLong("session_id"),
                row.getLong("user_id"),
                fromSql(row, "session_created_at"),
                fromSql(row, "last_used_at"),
                fromSql(row, "expires_at"),
                row.getString("ip"),
                row.getString("user_agent"),
                SessionChannel.of(row.getString("channel")));
    }
}
