package io.keyhold.users;

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

/** The {@code users} table. */
@Repository
public class UserRepository {

    /** The user columns, for queries in other features that join {@code users u}. */
    public static final String COLUMNS = "u.id, u.email, u.name, u.phone, u.gender, u.password, u.is_active, "
            + "u.is_staff, u.is_superuser, u.email_verified, u.last_login, u.created_at, u.updated_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the {@link #COLUMNS} of the current row. */
    public static User map(ResultSet row) throws SQLException {
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

    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?")
                .param(id)
                .query(ROWS)
                .optional();
    }

    /** The user, with their row locked until the transaction ends. */
    public Optional<User> lockById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = ? FOR UPDATE")
                .param(id)
                .query(ROWS)
                .optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.email_key = ?")
                .param(EmailAddress.keyOf(email))
                .query(ROWS)
                .optional();
    }

    public boolean existsByEmail(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = ?")
                        .param(EmailAddress.keyOf(email))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts the user and answers it with its new id. */
    public User insert(User user) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO users (email, email_key, name, phone, gender, password, is_active, is_staff,
                                   is_superuser, email_verified, last_login, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                        toSql(user.lastLogin()),
                        toSql(user.createdAt()),
                        toSql(user.updatedAt()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return findById(id).orElseThrow();
    }

    /** Writes every mutable column of the user. */
    public void update(User user) {
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

    public void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    public void recordLogin(long id, Instant at) {
        jdbc.sql("UPDATE users SET last_login = ? WHERE id = ?")
                .params(toSql(at), id)
                .update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() > 0;
    }

    /**
     * Locks the rows of all active superusers until the transaction ends and answers their ids, so
     * two concurrent removals cannot both conclude that another superuser remains.
     */
    public List<Long> lockActiveSuperuserIds() {
        return jdbc.sql("SELECT id FROM users WHERE is_superuser = TRUE AND is_active = TRUE ORDER BY id FOR UPDATE")
                .query(Long.class)
                .list();
    }

    public boolean anySuperuser() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE is_superuser = TRUE")
                        .query(Long.class)
                        .single()
                > 0;
    }

    public long count(UserQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM users u" + query.whereClause())
                .params(query.parameters())
                .query(Long.class)
                .single();
    }

    public List<User> find(UserQuery query, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u" + query.whereClause() + query.orderByClause()
                        + " LIMIT ? OFFSET ?")
                .params(query.parameters())
                .param(limit)
                .param(offset)
                .query(ROWS)
                .list();
    }
}
