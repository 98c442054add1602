package io.keyhold.users;

import io.keyhold.passwords.Passwords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes users exported from Django into Keyhold, a batch at a time, keeping ids, flags,
 * timestamps and password hashes as they are so every user logs in with their old password.
 * A user Keyhold already has is overwritten only when the record's {@code updated_at} is newer
 * than the stored one, so running an import twice changes nothing, and a re-import of an old
 * export never rolls back what changed in Keyhold since. A record that cannot be taken is
 * reported with its reason and does not stop the others.
 */
@Service
public class UserImport {

    private final UserRepository users;
    private final Passwords passwords;
    private final TransactionTemplate transaction;

    UserImport(UserRepository users, Passwords passwords, TransactionTemplate transaction) {
        this.users = users;
        this.passwords = passwords;
        this.transaction = transaction;
    }

    /** One user as the export has it; timestamps still as text, anything may be missing. */
    public record Record(
            long position,
            Long id,
            String email,
            String name,
            String phone,
            String gender,
            String password,
            Boolean active,
            Boolean staff,
            Boolean superuser,
            String lastLogin,
            String createdAt,
            String updatedAt) {}

    /** A record left out, and why. */
    public record Skipped(long position, Long id, String reason) {}

    /** What one batch did. */
    public record BatchResult(int created, int updated, int unchanged, List<Skipped> skipped) {}

    /** Imports the records in one transaction: the batch lands whole or not at all. */
    public BatchResult importBatch(List<Record> batch) {
        return transaction.execute(status -> importInTransaction(batch));
    }

    /** Once every batch is in: new signups get ids past the imported ones. */
    public void finish() {
        users.continueIdsAfterMax();
    }

    private BatchResult importInTransaction(List<Record> batch) {
        List<Skipped> skipped = new ArrayList<>();
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        Map<String, Long> batchEmails = new HashMap<>();
        for (Record record : batch) {
            Optional<String> problem = problemWith(record);
            if (problem.isPresent()) {
                skipped.add(new Skipped(record.position(), record.id(), problem.get()));
                continue;
            }
            User user = toUser(record);
            String key = EmailAddress.keyOf(user.email());
            if (candidates.containsKey(user.id())) {
                skipped.add(new Skipped(record.position(), record.id(), "the same pk appears earlier in the file"));
            } else if (batchEmails.containsKey(key)) {
                skipped.add(collision(record, batchEmails.get(key)));
            } else {
                candidates.put(user.id(), new Candidate(record, user));
                batchEmails.put(key, user.id());
            }
        }
        Map<Long, User> existing = new HashMap<>();
        users.findByIds(candidates.keySet()).forEach(user -> existing.put(user.id(), user));
        Map<String, Long> owners = users.idsByEmailKey(batchEmails.keySet());
        List<User> toInsert = new ArrayList<>();
        List<User> toUpdate = new ArrayList<>();
        int unchanged = 0;
        for (Candidate next : candidates.values()) {
            Record record = next.record();
            User candidate = next.user();
            Long owner = owners.get(EmailAddress.keyOf(candidate.email()));
            if (owner != null && owner != candidate.id()) {
                skipped.add(collision(record, owner));
                continue;
            }
            User before = existing.get(candidate.id());
            if (before == null) {
                toInsert.add(candidate);
            } else if (candidate.updatedAt().isAfter(before.updatedAt())) {
                // Changed in Django since it was last imported. Keyhold's own verification state stays.
                toUpdate.add(withEmailVerified(candidate, before.emailVerified()));
            } else {
                // Already here, or changed in Keyhold since (a new password, say): never roll that back.
                unchanged++;
            }
        }
        users.insertWithIds(toInsert);
        users.overwrite(toUpdate);
        skipped.sort((first, second) -> Long.compare(first.position(), second.position()));
        return new BatchResult(toInsert.size(), toUpdate.size(), unchanged, skipped);
    }

    /** A record that passed the checks, and the user it becomes. */
    private record Candidate(Record record, User user) {}

    private Optional<String> problemWith(Record record) {
        if (record.id() == null || record.id() < 1) {
            return Optional.of("no usable pk");
        }
        if (record.email() == null || record.email().isBlank()) {
            return Optional.of("no email");
        }
        Optional<EmailAddress> email = EmailAddress.parse(record.email());
        if (email.isEmpty() || email.get().value().length() > EmailAddress.MAX_LENGTH) {
            return Optional.of("not a valid email address");
        }
        if (record.password() == null || !passwords.recognizes(record.password())) {
            return Optional.of("password hash in no known format");
        }
        if (tooLong(record.name(), UserInput.MAX_NAME) || tooLong(record.phone(), 15) || tooLong(record.gender(), 10)) {
            return Optional.of("name, phone or gender longer than Keyhold's columns");
        }
        for (String timestamp : new String[] {record.lastLogin(), record.createdAt(), record.updatedAt()}) {
            if (timestamp != null && parseTimestamp(timestamp).isEmpty()) {
                return Optional.of("unreadable timestamp " + timestamp);
            }
        }
        return Optional.empty();
    }

    private static User toUser(Record record) {
        Instant created = record.createdAt() == null
                ? Instant.EPOCH
                : parseTimestamp(record.createdAt()).orElseThrow();
        return new User(
                record.id(),
                EmailAddress.parse(record.email()).orElseThrow().value(),
                record.name() == null ? User.DEFAULT_NAME : record.name(),
                record.phone(),
                record.gender(),
                record.password(),
                !Boolean.FALSE.equals(record.active()),
                Boolean.TRUE.equals(record.staff()),
                Boolean.TRUE.equals(record.superuser()),
                false,
                record.lastLogin() == null
                        ? null
                        : parseTimestamp(record.lastLogin()).orElseThrow(),
                created,
                record.updatedAt() == null
                        ? created
                        : parseTimestamp(record.updatedAt()).orElseThrow());
    }

    private static User withEmailVerified(User user, boolean emailVerified) {
        return new User(
                user.id(),
                user.email(),
                user.name(),
                user.phone(),
                user.gender(),
                user.passwordHash(),
                user.active(),
                user.staff(),
                user.superuser(),
                emailVerified,
                user.lastLogin(),
                user.createdAt(),
                user.updatedAt());
    }

    /** Django writes ISO-8601 with an offset or Z; the database keeps microseconds. */
    private static Optional<Instant> parseTimestamp(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean tooLong(String value, int maxLength) {
        return value != null && value.length() > maxLength;
    }

    private static Skipped collision(Record record, long otherId) {
        return new Skipped(
                record.position(),
                record.id(),
                "email " + record.email() + " collides case-insensitively with user " + otherId);
    }
}
