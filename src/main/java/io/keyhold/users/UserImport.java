package io.keyhold.users;

import io.keyhold.passwords.Passwords;
import io.keyhold.text.PlainText;
import io.keyhold.time.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    /** Starts an import; its batches follow in file order. */
    public Run begin() {
        return new Run();
    }

    /** One import from start to finish. */
    public final class Run {

        private long createdSinceStatistics;
        private long createdAtStatistics;

        private Run() {}

        /** Imports the records in one transaction: the batch lands whole or not at all. */
        public BatchResult importBatch(List<Record> batch) {
            BatchResult result = transaction.execute(status -> importInTransaction(batch));
            // Each time the import has doubled what it wrote, the planner hears of it: log2(n) refreshes.
            createdSinceStatistics += result.created();
            if (createdSinceStatistics > Math.max(1_000, createdAtStatistics)) {
                users.refreshStatistics();
                createdAtStatistics += createdSinceStatistics;
                createdSinceStatistics = 0;
            }
            return result;
        }

        /** Once every batch is in: new signups get ids past the imported ones. */
        public void finish() {
            users.continueIdsAfterMax();
        }
    }

    private BatchResult importInTransaction(List<Record> batch) {
        List<Skipped> skipped = new ArrayList<>();
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        Map<String, Long> batchEmails = new HashMap<>();
        for (Record record : batch) {
            Checked checked = check(record);
            if (checked.problem() != null) {
                skipped.add(new Skipped(record.position(), record.id(), checked.problem()));
                continue;
            }
            User user = checked.user();
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
                toUpdate.add(candidate.withEmailVerified(before.emailVerified()));
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

    /** A record checked and turned into the user it describes, or the reason it cannot be. */
    private record Checked(User user, String problem) {

        static Checked problem(String reason) {
            return new Checked(null, reason);
        }
    }

    private Checked check(Record record) {
        if (record.id() == null || record.id() < 1) {
            return Checked.problem("no usable pk");
        }
        if (record.email() == null || record.email().isBlank()) {
            return Checked.problem("no email");
        }
        if (hasHiddenCharacters(record.email())) {
            return Checked.problem("email holds control or invisible characters");
        }
        Optional<EmailAddress> email = EmailAddress.parse(record.email());
        if (email.isEmpty() || email.get().value().length() > EmailAddress.MAX_LENGTH) {
            return Checked.problem("not a valid email address");
        }
        if (record.password() == null || !passwords.recognizes(record.password())) {
            return Checked.problem("password hash in no known format");
        }
        if (tooLong(record.name(), UserFieldRules.MAX_NAME)
                || tooLong(record.phone(), UserFieldRules.MAX_PHONE)
                || tooLong(record.gender(), UserFieldRules.MAX_GENDER)) {
            return Checked.problem("name, phone or gender longer than Keyhold's columns");
        }
        if (hasHiddenCharacters(record.name())
                || hasHiddenCharacters(record.phone())
                || hasHiddenCharacters(record.gender())) {
            return Checked.problem("name, phone or gender holds control or invisible characters");
        }
        Instant lastLogin;
        Instant created;
        Instant updated;
        try {
            lastLogin = timestamp(record.lastLogin(), null);
            created = timestamp(record.createdAt(), Instant.EPOCH);
            updated = timestamp(record.updatedAt(), created);
        } catch (DateTimeParseException unreadable) {
            return Checked.problem("unreadable timestamp " + unreadable.getParsedString());
        }
        return new Checked(
                new User(
                        record.id(),
                        email.get().value(),
                        record.name() == null ? User.DEFAULT_NAME : record.name(),
                        record.phone(),
                        record.gender(),
                        record.password(),
                        !Boolean.FALSE.equals(record.active()),
                        Boolean.TRUE.equals(record.staff()),
                        Boolean.TRUE.equals(record.superuser()),
                        false,
                        lastLogin,
                        created,
                        updated),
                null);
    }

    private static Instant timestamp(String text, Instant ifMissing) {
        return text == null ? ifMissing : Timestamps.parse(text);
    }

    private static boolean hasHiddenCharacters(String value) {
        return value != null && PlainText.hasHiddenCharacters(value);
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
