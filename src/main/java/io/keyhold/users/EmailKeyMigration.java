package io.keyhold.users;

import io.keyhold.text.PlainText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 7: addresses stored before email domains were normalised by IDNA (UTS #46) get the
 * spelling and key {@link EmailAddress} now gives them, so their owners still log in with any
 * spelling: {@code a@xn--bcher-kva.de} becomes {@code a@bücher.de}. Only addresses with a
 * non-ASCII or punycode domain can change. One that would take the key of another account, and
 * one that is no longer a valid address (an invisible character in it), are left as they are and
 * named by id in the log for staff to correct. In Java because the rule lives in {@link
 * EmailAddress}; Flyway runs it once, like the SQL migrations, on H2 and PostgreSQL alike.
 */
@Component
class EmailKeyMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EmailKeyMigration.class);
    private static final int IDS_NAMED = 20;

    private record Stored(long id, String email, String key) {}

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "email domains normalised by IDNA UTS46";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<Long> collisions = new ArrayList<>();
        List<Long> invalid = new ArrayList<>();
        for (Stored stored : internationalAddresses(connection)) {
            var address = EmailAddress.parse(stored.email());
            if (address.isEmpty()) {
                invalid.add(stored.id());
            } else if (address.get().value().equals(stored.email())
                    && address.get().key().equals(stored.key())) {
                continue;
            } else if (keyTakenByAnother(connection, address.get().key(), stored.id())) {
                collisions.add(stored.id());
            } else {
                rekey(connection, stored.id(), address.get());
            }
        }
        if (!collisions.isEmpty()) {
            log.warn(
                    "{} account(s) kept their old address: normalised, it is another account's. Ids: {}",
                    collisions.size(),
                    collisions.subList(0, Math.min(IDS_NAMED, collisions.size())));
        }
        if (!invalid.isEmpty()) {
            log.warn(
                    "{} account(s) have an address that is no longer valid (a control or invisible character) "
                            + "and cannot log in until staff correct it. Ids: {}",
                    invalid.size(),
                    invalid.subList(0, Math.min(IDS_NAMED, invalid.size())));
        }
    }

    /**
     * Every address IDNA could change or that has a hidden character; the rest, plain ASCII, are
     * already in canonical form.
     */
    private static List<Stored> internationalAddresses(Connection connection) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, email, email_key FROM users")) {
            // Streams on PostgreSQL (inside Flyway's transaction) instead of reading every row at once.
            select.setFetchSize(1_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String email = rows.getString("email");
                    if (mayChange(email)) {
                        found.add(new Stored(rows.getLong("id"), email, rows.getString("email_key")));
                    }
                }
            }
        }
        return found;
    }

    private static boolean mayChange(String email) {
        return email.chars().anyMatch(character -> character > 0x7f)
                || email.toLowerCase(Locale.ROOT).contains("xn--")
                || PlainText.hasHiddenCharacters(email);
    }

    private static boolean keyTakenByAnother(Connection connection, String key, long id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT COUNT(*) FROM users WHERE email_key = ? AND id <> ?")) {
            select.setString(1, key);
            select.setLong(2, id);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }

    private static void rekey(Connection connection, long id, EmailAddress address) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE users SET email = ?, email_key = ? WHERE id = ?")) {
            update.setString(1, address.value());
            update.setString(2, address.key());
            update.setLong(3, id);
            update.executeUpdate();
        }
    }
}
