package io.keyhold.users;

import io.keyhold.network.ClientInfo;
import io.keyhold.paging.PageRequest;
import io.keyhold.passwords.PasswordPolicy;
import io.keyhold.passwords.Passwords;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.ratelimits.ClientRateLimiter;
import io.keyhold.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signup, profile changes and deletion, with the permission rules of {@link UserPermissions}.
 * Password hashing always happens outside a transaction, so a slow hash never holds a database
 * connection; every write then re-reads the user under a row lock and applies the request to the
 * row as it is now, so a concurrent change (a demotion, a deactivation) is never undone by a
 * request that read the user before it.
 */
@Service
public class UserService {

    public static final String USER_DOES_NOT_EXIST = "User does not exist";
    public static final String WRONG_CURRENT_PASSWORD = "Your current password was entered incorrectly.";
    private final UserRepository users;

    private final UserPermissions permissions;
    private final Passwords passwords;
    private final PasswordPolicy passwordPolicy;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ClientRateLimiter rateLimiter;
    private final Clock clock;
    private final Counter signups;

    UserService(
            UserRepository users,
            UserPermissions permissions,
            Passwords passwords,
            PasswordPolicy passwordPolicy,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            ClientRateLimiter rateLimiter,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.permissions = permissions;
        this.passwords = passwords;
        this.passwordPolicy = passwordPolicy;
        this.transaction = transaction;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.signups = Counter.builder("keyhold.signups")
                .description("Accounts created by signup")
                .register(meters);
    }

    /**
     * Refuses unless {@code currentPassword} is the user's own: the proof asked before a change to
     * one's own credentials or second factors, so a stolen token alone cannot make one.
     */
    public void checkCurrentPassword(User user, String currentPassword) {
        var errors = new FieldErrors();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.add("current_password", FieldErrors.REQUIRED);
        } else if (!passwords.verify(currentPassword, user.passwordHash()).matches()) {
            errors.add("current_password", WRONG_CURRENT_PASSWORD);
        }
        errors.throwIfAny();
    }

    /** Open signup; staff and superusers may also set the flags their rank allows. */
    public User signup(Caller caller, Signup signup, ClientInfo client) {
        rateLimiter.checkSignup(client);
        FieldErrors errors = FieldErrors.continuing(signup.fieldErrors());
        permissions.checkFlagChanges(caller, null, signup.active(), signup.staff(), signup.superuser());
        String name = signup.name() == null ? User.DEFAULT_NAME : signup.name();
        if (signup.email() != null && signup.password() != null) {
            checkPassword(signup.password(), signup.email().value(), name, errors);
        }
        UserFieldRules.throwIfInvalid(errors);
        User created = insert(new NewUser(
                signup.email(),
                name,
                signup.phone(),
                signup.gender(),
                signup.password(),
                !Boolean.FALSE.equals(signup.active()),
                Boolean.TRUE.equals(signup.staff()),
                Boolean.TRUE.equals(signup.superuser())));
        signups.increment();
        return created;
    }

    /** An account made by a trusted path (a command, the bootstrap variables): the same rules apply. */
    public User create(NewUser account) {
        var errors = new FieldErrors();
        UserFieldRules.checkEmailLength(account.email(), errors);
        UserFieldRules.checkText("name", account.name(), UserFieldRules.MAX_NAME, errors);
        checkPassword(account.password(), account.email().value(), account.name(), errors);
        UserFieldRules.throwIfInvalid(errors);
        return insert(account);
    }

    /** Staff only; the search, filters, ordering and page are checked once the caller may list at all. */
    public PageOfUsers list(Caller caller, UserQuery.Params params, PageRequest page) {
        permissions.checkCanList(caller);
        page.validated();
        UserQuery query = UserQuery.of(params);
        return new PageOfUsers(users.find(query, page.pageSize(), page.offset()), users.count(query));
    }

    /** How many users match, for staff: the list's count without its page. */
    public long count(Caller caller, UserQuery.Params params) {
        permissions.checkCanList(caller);
        return users.count(UserQuery.of(params));
    }

    public User get(Caller caller, long id) {
        return get(caller, id, NotFound.DEFAULT_MESSAGE);
    }

    /** The user, if the caller may see them; otherwise a 404 with the given text. */
    public User get(Caller caller, long id, String notFoundMessage) {
        return permissions.visible(caller, users.findById(id), notFoundMessage);
    }

    /** The caller as read with their session at the start of this request: no second query. */
    public User me(Caller caller) {
        permissions.requireAuthenticated(caller);
        return caller.user();
    }

    /**
     * PUT and PATCH alike: they differ only in the fields the body must name, which its reader
     * checks. A user changing their own password or email address must also send {@code
     * current_password}: a stolen token alone must not be enough to take the account over.
     */
    public User update(Caller caller, long id, UserChanges changes) {
        User target = get(caller, id);
        permissions.checkCanModify(caller, target);
        FieldErrors errors = FieldErrors.continuing(changes.fieldErrors());
        permissions.checkFlagChanges(caller, target, changes.active(), changes.staff(), changes.superuser());
        boolean emailChanges =
                changes.email() != null && !changes.email().key().equals(EmailAddress.keyOf(target.email()));
        boolean ownCredentials = caller.is(target) && (changes.password() != null || emailChanges);
        if (changes.password() != null) {
            String email =
                    changes.email() == null ? target.email() : changes.email().value();
            checkPassword(changes.password(), email, changes.name() == null ? target.name() : changes.name(), errors);
        }
        if (ownCredentials && changes.currentPassword() == null && !errors.has("current_password")) {
            errors.add("current_password", FieldErrors.REQUIRED);
        }
        UserFieldRules.throwIfInvalid(errors);
        if (ownCredentials
                && !passwords
                        .verify(changes.currentPassword(), target.passwordHash())
                        .matches()) {
            errors.add("current_password", WRONG_CURRENT_PASSWORD);
            errors.throwIfAny();
        }
        if (emailChanges && users.existsByEmail(changes.email().value())) {
            throw new EmailAlreadyUsed();
        }
        String newHash = changes.password() == null ? null : passwords.hash(changes.password());
        Long keptSession = caller.is(target) ? caller.sessionId() : null;
        return transaction.execute(status -> {
            User current = users.lockById(target.id()).orElseThrow(NotFound::new);
            permissions.checkCanModify(caller, current);
            permissions.checkFlagChanges(caller, current, changes.active(), changes.staff(), changes.superuser());
            if (ownCredentials && !current.passwordHash().equals(target.passwordHash())) {
                throw new ChangedMeanwhile();
            }
            User updated = apply(changes, current, newHash, emailChanges);
            if (removesActiveSuperuser(current, updated)) {
                requireAnotherActiveSuperuser(current, LastSuperuser.CANNOT_DEMOTE);
            }
            try {
                users.update(updated);
            } catch (DuplicateKeyException raced) {
                throw new EmailAlreadyUsed();
            }
            if (newHash != null) {
                events.publishEvent(new UserEvents.PasswordChanged(current.id(), keptSession));
            }
            if (current.active() && !updated.active()) {
                events.publishEvent(new UserEvents.Deactivated(current.id()));
            }
            if (emailChanges) {
                events.publishEvent(new UserEvents.EmailChanged(current.id(), current.email(), updated.email()));
            }
            events.publishEvent(new UserEvents.Updated(current.id(), changedFields(current, updated)));
            return updated;
        });
    }

    public void delete(Caller caller, long id) {
        User target = get(caller, id);
        permissions.checkCanModify(caller, target);
        transaction.executeWithoutResult(status -> {
            User current = users.lockById(target.id()).orElseThrow(NotFound::new);
            permissions.checkCanModify(caller, current);
            if (current.superuser() && current.active()) {
                requireAnotherActiveSuperuser(current, LastSuperuser.CANNOT_DELETE);
            }
            users.delete(current.id());
            events.publishEvent(new UserEvents.Deleted(current.id(), current));
        });
    }

    /**
     * {@code POST me/password}: the user's own change. The session that made it stays; every
     * other session of the user ends.
     */
    public void changeOwnPassword(Caller caller, PasswordChange change) {
        permissions.requireAuthenticated(caller);
        User user = caller.user();
        FieldErrors errors = FieldErrors.continuing(change.fieldErrors());
        if (change.newPassword() != null) {
            errors.addAll("new_password", passwordPolicy.problems(change.newPassword(), user.email(), user.name()));
        }
        UserFieldRules.throwIfInvalid(errors);
        if (!passwords.verify(change.currentPassword(), user.passwordHash()).matches()) {
            errors.add("current_password", WRONG_CURRENT_PASSWORD);
            errors.throwIfAny();
        }
        String hash = passwords.hash(change.newPassword());
        transaction.executeWithoutResult(status -> {
            User locked = users.lockById(user.id()).orElseThrow(NotFound::new);
            if (!locked.passwordHash().equals(user.passwordHash())) {
                throw new ChangedMeanwhile();
            }
            users.changePassword(user.id(), hash, Timestamps.now(clock));
            events.publishEvent(new UserEvents.PasswordChanged(user.id(), caller.sessionId()));
        });
    }

    /**
     * The hash of a new password chosen outside a session (a command, a reset link), after the
     * policy has accepted it; problems are reported under {@code field}. Hashes outside any
     * transaction; {@link #storePassword} then writes it.
     */
    public String hashNewPassword(User target, String password, String field) {
        var errors = new FieldErrors();
        errors.addAll(field, passwordPolicy.problems(password, target.email(), target.name()));
        UserFieldRules.throwIfInvalid(errors);
        return passwords.hash(password);
    }

    /** Writes a hash from {@link #hashNewPassword} and ends every session of the user. */
    public void storePassword(long userId, String hash) {
        transaction.executeWithoutResult(status -> {
            users.changePassword(userId, hash, Timestamps.now(clock));
            events.publishEvent(new UserEvents.PasswordChanged(userId, null));
        });
    }

    /**
     * A verification link was followed: the address it was sent to is confirmed, if still current.
     * False when it is no longer the account's address; an address confirmed before stays so, and
     * only its first confirmation is news to anyone. Joins the caller's transaction.
     */
    public boolean markEmailVerified(long userId, String email) {
        String emailKey = EmailAddress.keyOf(email);
        if (users.markEmailVerified(userId, emailKey, Timestamps.now(clock))) {
            events.publishEvent(new UserEvents.EmailVerified(userId));
            return true;
        }
        return users.hasEmailKey(userId, emailKey);
    }

    private User apply(UserChanges changes, User current, String newHash, boolean emailChanges) {
        return new User(
                current.id(),
                changes.email() == null ? current.email() : changes.email().value(),
                changes.name() == null ? current.name() : changes.name(),
                changes.phone().orElse(current.phone()),
                changes.gender().orElse(current.gender()),
                newHash == null ? current.passwordHash() : newHash,
                changes.active() == null ? current.active() : changes.active(),
                changes.staff() == null ? current.staff() : changes.staff(),
                changes.superuser() == null ? current.superuser() : changes.superuser(),
                current.emailVerified() && !emailChanges,
                current.lastLogin(),
                current.createdAt(),
                Timestamps.now(clock));
    }

    /** The names of the fields that differ, for the audit trail: never the values. */
    private static List<String> changedFields(User before, User after) {
        List<String> fields = new java.util.ArrayList<>();
        addIf(fields, "email", !before.email().equals(after.email()));
        addIf(fields, "name", !before.name().equals(after.name()));
        addIf(fields, "phone", !java.util.Objects.equals(before.phone(), after.phone()));
        addIf(fields, "gender", !java.util.Objects.equals(before.gender(), after.gender()));
        addIf(fields, "password", !before.passwordHash().equals(after.passwordHash()));
        addIf(fields, "is_active", before.active() != after.active());
        addIf(fields, "is_staff", before.staff() != after.staff());
        addIf(fields, "is_superuser", before.superuser() != after.superuser());
        return fields;
    }

    private static void addIf(List<String> fields, String field, boolean changed) {
        if (changed) {
            fields.add(field);
        }
    }

    private User insert(NewUser account) {
        if (users.existsByEmail(account.email().value())) {
            throw new EmailAlreadyUsed();
        }
        String hash = passwords.hash(account.password());
        Instant now = Timestamps.now(clock);
        try {
            // The account and what its creation sets off (audit event, verification token) land together.
            return transaction.execute(status -> {
                User created = users.insert(new User(
                        0,
                        account.email().value(),
                        account.name(),
                        account.phone(),
                        account.gender(),
                        hash,
                        account.active(),
                        account.staff(),
                        account.superuser(),
                        false,
                        null,
                        now,
                        now));
                events.publishEvent(new UserEvents.Created(created.id(), created.email()));
                return created;
            });
        } catch (DuplicateKeyException raced) {
            throw new EmailAlreadyUsed();
        }
    }

    /** The reader's problems come first, in the order of the body's fields; the service's follow. */
    private void checkPassword(String password, String email, String name, FieldErrors errors) {
        errors.addAll("password", passwordPolicy.problems(password, email, name));
    }

    private static boolean removesActiveSuperuser(User before, User after) {
        return before.superuser() && before.active() && !(after.superuser() && after.active());
    }

    /** Locks every active superuser's row, so two concurrent removals cannot both pass. */
    private void requireAnotherActiveSuperuser(User target, String error) {
        List<Long> superusers = users.lockActiveSuperuserIds();
        if (superusers.stream().allMatch(id -> id == target.id())) {
            throw new LastSuperuser(error);
        }
    }

    /** A page of users and the total they were taken from. */
    public record PageOfUsers(List<User> users, long total) {}

    /** What a trusted path supplies to create an account; phone and gender are null when unknown. */
    public record NewUser(
            EmailAddress email,
            String name,
            String phone,
            String gender,
            String password,
            boolean active,
            boolean staff,
            boolean superuser) {}
}
