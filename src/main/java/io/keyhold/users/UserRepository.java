package io.keyhold.users;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.time.Timestamps;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class UserRepository {

    /** The user columns, for queries in other features that join {@code users u}. */
    static final String COLUMNS = "u.id, u.email, u.name, u.phone, u.gender, u.password, u.is_active, "
            + "u.is_staff, u.is_superuser, u.email_verified, u.last_login, u.created_at, u.updated_at";

    private static final String WRITTEN_COLUMNS = "email, email_key, name, phone, gender, password, is_active, "
            + "is_staff, is_superuser, email_verified, last_login, created_at, updated_at";
    private static final int WRITTEN_COLUMN_COUNT = 13;
    private static final int ROWS_PER_INSERT = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private volatile Boolean postgres;

    UserRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Reads the {@link #COLUMNS} of the current row. */
    static User map(ResultSet row) throws SQLException {
        return new User(
                row.getLong("id"),
                row.getString("email"),
                row.getString("name"),
                row.getString("phone"),
                row.getString("gender"),
                row.getString("password"),
                row.getBoolean("is_active"),
                row.getBoolean("is_staff"),
                row.getBoolean("is_superuser"),
                row.getBoolean("email_verified"),
                fromSql(row, "last_login"),
                fromSql(row, "created_at"),
                fromSql(row, "updated_at"));
    }

    private static final RowMapper<User> ROWS = (row, number) -> map(row);

    Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?")
                .param(id)
                .query(ROWS)
                .optional();
    }

    /** The user, with their row locked until the transaction ends. */
    Optional<User> lockById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = ? FOR UPDATE")
                .param(id)
                .query(ROWS)
                .optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.email_key = ?")
                .param(EmailAddress.keyOf(email))
                .query(ROWS)
                .optional();
    }

    boolean existsByEmail(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = ?")
                        .param(EmailAddress.keyOf(email))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts the user and answers it with its new id. */
    User insert(User user) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (" + WRITTEN_COLUMNS + ") VALUES (" + placeholders(WRITTEN_COLUMN_COUNT) + ")")
                .params(columnValues(user))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return findById(id).orElseThrow();
    }

    /**
     * Inserts users that keep the ids they already have (an import). PostgreSQL takes them with
     * COPY, several times faster than any INSERT; H2 with many rows per statement.
     */
    void insertWithIds(List<User> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (isPostgres()) {
            jdbcTemplate.execute((ConnectionCallback<Long>) connection -> copyIn(connection, batch));
            return;
        }
        String row = "(?, " + placeholders(WRITTEN_COLUMN_COUNT) + ")";
        for (List<User> chunk : chunks(batch, ROWS_PER_INSERT)) {
            List<Object> values = new ArrayList<>();
            for (User user : chunk) {
                values.add(user.id());
                values.addAll(columnValues(user));
            }
            jdbc.sql("INSERT INTO users (id, " + WRITTEN_COLUMNS + ") VALUES "
                            + String.join(", ", Collections.nCopies(chunk.size(), row)))
                    .params(values)
                    .update();
        }
    }

    /** Rewrites every column of existing users, timestamps included (an import). */
    void overwrite(List<User> batch) {
        List<Object[]> rows = new ArrayList<>();
        for (User user : batch) {
            List<Object> values = columnValues(user);
            values.add(user.id());
            rows.add(values.toArray());
        }
        String assignments = String.join(" = ?, ", WRITTEN_COLUMNS.split(", ")) + " = ?";
        jdbcTemplate.batchUpdate("UPDATE users SET " + assignments + " WHERE id = ?", rows);
    }

    List<User> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id IN (" + placeholders(ids.size()) + ")")
                .params(List.copyOf(ids))
                .query(ROWS)
                .list();
    }

    /** The ids of the users holding these lower-cased addresses. */
    Map<String, Long> idsByEmailKey(Collection<String> emailKeys) {
        if (emailKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> owners = new HashMap<>();
        jdbc.sql("SELECT email_key, id FROM users WHERE email_key IN (" + placeholders(emailKeys.size()) + ")")
                .params(List.copyOf(emailKeys))
                .query((RowCallbackHandler) row -> owners.put(row.getString("email_key"), row.getLong("id")));
        return owners;
    }

    /** Users in id order after the given id: keyset pages that stay cheap at any depth. */
    List<User> findAfter(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id > ? ORDER BY u.id LIMIT ?")
                .params(afterId, limit)
                .query(ROWS)
                .list();
    }

    /**
     * Refreshes the planner's statistics of the users table. A bulk load into a fresh table
     * otherwise keeps the plans made for an empty one, and its lookups slide into full scans.
     */
    void refreshStatistics() {
        jdbc.sql(isPostgres() ? "ANALYZE users" : "ANALYZE TABLE users").update();
    }

    /** After rows were inserted with explicit ids, new signups must get ids past the largest. */
    void continueIdsAfterMax() {
        long next = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM users")
                .query(Long.class)
                .single();
        String product = jdbcTemplate.execute((ConnectionCallback<String>)
                connection -> connection.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equals(product)) {
            jdbc.sql("SELECT setval(pg_get_serial_sequence('users', 'id'), ?, false)")
                    .param(next)
                    .query(Long.class)
                    .single();
        } else {
            // H2 takes no bind parameter here; next is a number read from the database itself.
            jdbc.sql("ALTER TABLE users ALTER COLUMN id RESTART WITH " + next).update();
        }
    }

    /** Writes every mutable column of the user. */
    void update(User user) {
        jdbc.sql("""
                UPDATE users SET email = ?, email_key = ?, name = ?, phone = ?, gender = ?, password = ?,
                                 is_active = ?, is_staff = ?, is_superuser = ?, email_verified = ?, updated_at = ?
                WHERE id = ?
                """)
                .params(
                        user.email(),
                        EmailAddress.keyOf(user.email()),
                        user.name(),
                        user.phone(),
                        user.gender(),
                        user.passwordHash(),
                        user.active(),
                        user.staff(),
                        user.superuser(),
                        user.emailVerified(),
                        toSql(user.updatedAt()),
                        user.id())
                .update();
    }

    /** Sets email_verified if the account still has this address and it was not verified yet; false otherwise. */
    boolean markEmailVerified(long id, String emailKey, Instant at) {
        return jdbc.sql("UPDATE users SET email_verified = TRUE, updated_at = ? "
                                + "WHERE id = ? AND email_key = ? AND email_verified = FALSE")
                        .params(toSql(at), id, emailKey)
                        .update()
                > 0;
    }

    boolean hasEmailKey(long id, String emailKey) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = ? AND email_key = ?")
                        .params(id, emailKey)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A new password: the account counts as updated. */
    void changePassword(long id, String passwordHash, Instant at) {
        jdbc.sql("UPDATE users SET password = ?, updated_at = ? WHERE id = ?")
                .params(passwordHash, toSql(at), id)
                .update();
    }

    /** The same password re-hashed with current parameters: not a change the user made. */
    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    void recordLogin(long id, Instant at) {
        jdbc.sql("UPDATE users SET last_login = ? WHERE id = ?")
                .params(toSql(at), id)
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() > 0;
    }

    /**
     * Locks the rows of all active superusers until the transaction ends and answers their ids, so
     * two concurrent removals cannot both conclude that another superuser remains.
     */
    List<Long> lockActiveSuperuserIds() {
        return jdbc.sql("SELECT id FROM users WHERE is_superuser = TRUE AND is_active = TRUE ORDER BY id FOR UPDATE")
                .query(Long.class)
                .list();
    }

    boolean anySuperuser() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE is_superuser = TRUE")
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count(UserQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM users u" + query.whereClause())
                .params(query.parameters())
                .query(Long.class)
                .single();
    }

    List<User> find(UserQuery query, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u" + query.whereClause() + query.orderByClause()
                        + " LIMIT ? OFFSET ?")
                .params(query.parameters())
                .param(limit)
                .param(offset)
                .query(ROWS)
                .list();
    }

    private boolean isPostgres() {
        if (postgres == null) {
            String product = jdbcTemplate.execute((ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName());
            postgres = "PostgreSQL".equals(product);
        }
        return postgres;
    }

    private static long copyIn(Connection connection, List<User> batch) throws SQLException {
        StringBuilder csv = new StringBuilder(batch.size() * 256);
        for (User user : batch) {
            csv.append(user.id());
            for (Object value : columnValues(user)) {
                csv.append(',');
                appendCsv(csv, value);
            }
            csv.append('\n');
        }
        try {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY users (id, " + WRITTEN_COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
                            new StringReader(csv.toString()));
        } catch (IOException unreachable) {
            throw new SQLException("Reading the COPY data from memory failed", unreachable);
        }
    }

    /** CSV as COPY reads it: an unquoted empty field is NULL, a quoted one is text. */
    private static void appendCsv(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof OffsetDateTime timestamp) {
            csv.append(Timestamps.format(timestamp.toInstant()));
        } else if (value instanceof Boolean flag) {
            csv.append(flag ? 't' : 'f');
        } else {
            csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
        }
    }

    /** The values of {@link #WRITTEN_COLUMNS}, in order. */
    private static List<Object> columnValues(User user) {
        return new ArrayList<>(Arrays.asList(
                user.email(),
                EmailAddress.keyOf(user.email()),
                user.name(),
                user.phone(),
                user.gender(),
                user.passwordHash(),
                user.active(),
                user.staff(),
                user.superuser(),
                user.emailVerified(),
                toSql(user.lastLogin()),
                toSql(user.createdAt()),
                toSql(user.updatedAt())));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            chunks.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return chunks;
    }
}
