package io.keyhold.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What other features may read and record about accounts: login, sessions, mail and the CLI come
 * here, never to the {@code users} table. Rules about who may change what stay in {@link UserService}.
 */
@Component
public class UserAccounts {

    /**
     * The user columns, for the one query that joins {@code users u} from another feature: resolving a
     * bearer token reads its session and its user in one indexed read, on every authenticated request.
     */
    public static final String JOINED_COLUMNS = UserRepository.COLUMNS;

    private final UserRepository users;

    UserAccounts(UserRepository users) {
        this.users = users;
    }

    /** Reads the {@link #JOINED_COLUMNS} of the current row. */
    public static User fromJoinedRow(ResultSet row) throws SQLException {
        return UserRepository.map(row);
    }

    public Optional<User> findById(long id) {
        return users.findById(id);
    }

    /** By the address's key, so any spelling of a registered address finds its account (SPEC §1). */
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email);
    }

    /**
     * The account with its row locked until the transaction ends. Every decision that must not race a
     * deletion, a deactivation or a password change (opening a session, using a mailed link) takes it.
     */
    public Optional<User> lockForUpdate(long id) {
        return users.lockById(id);
    }

    public void recordLogin(long id, Instant at) {
        users.recordLogin(id, at);
    }

    /** Replaces a hash that verified but is weaker than the current default (SPEC §5), without other changes. */
    public void upgradeHash(long id, String passwordHash) {
        users.updatePasswordHash(id, passwordHash);
    }

    /** Accounts in id order after the given id: keyset pages for exports, cheap at any depth. */
    public List<User> findAfter(long afterId, int limit) {
        return users.findAfter(afterId, limit);
    }
}
