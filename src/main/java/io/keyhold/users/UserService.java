package io.keyhold.users;

import io.keyhold.passwords.PasswordPolicy;
import io.keyhold.passwords.Passwords;
import io.keyhold.time.Timestamps;
import io.keyhold.web.ApiException;
import io.keyhold.web.FieldErrors;
import io.keyhold.web.PageRequest;
import io.keyhold.web.RequestFields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signup, profile changes and deletion, with the permission rules of {@link UserPermissions}.
 * Password hashing always happens outside a transaction, so a slow hash never holds a database
 * connection.
 */
@Service
public class UserService {

    public static final String USER_DOES_NOT_EXIST = "User does not exist";
    static final String EMAIL_TAKEN = "A user with this email already exists.";
    static final String WRONG_CURRENT_PASSWORD = "Your current password was entered incorrectly.";

    private final UserRepository users;
    private final UserPermissions permissions;
    private final Passwords passwords;
    private final PasswordPolicy passwordPolicy;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(
            UserRepository users,
            UserPermissions permissions,
            Passwords passwords,
            PasswordPolicy passwordPolicy,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.permissions = permissions;
        this.passwords = passwords;
        this.passwordPolicy = passwordPolicy;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** Open signup; staff and superusers may also set the flags their rank allows. */
    public User signup(Caller caller, RequestFields body) {
        var errors = new FieldErrors();
        UserInput input = UserInput.read(body, UserInput.Mode.SIGNUP, errors);
        permissions.checkFlagChanges(caller, null, input.active(), input.staff(), input.superuser());
        String name = input.name() == null ? User.DEFAULT_NAME : input.name();
        if (input.email() != null && input.password() != null) {
            errors.addAll(
                    "password",
                    passwordPolicy.problems(input.password(), input.email().value(), name));
        }
        UserInput.throwIfInvalid(errors);
        return insert(new NewUser(
                input.email(),
                name,
                input.phone(),
                input.gender(),
                input.password(),
                !Boolean.FALSE.equals(input.active()),
                Boolean.TRUE.equals(input.staff()),
                Boolean.TRUE.equals(input.superuser())));
    }

    /** An account made by a trusted path (a command, the bootstrap variables): policy still applies. */
    public User create(NewUser account) {
        List<String> problems =
                passwordPolicy.problems(account.password(), account.email().value(), account.name());
        if (!problems.isEmpty()) {
            var errors = new FieldErrors();
            errors.addAll("password", problems);
            errors.throwIfAny();
        }
        return insert(account);
    }

    private User insert(NewUser account) {
        if (users.existsByEmail(account.email().value())) {
            throw emailTaken();
        }
        String hash = passwords.hash(account.password());
        Instant now = Timestamps.now(clock);
        try {
            return users.insert(new User(
                    0,
                    account.email().value(),
                    account.name(),
                    emptyToNull(account.phone()),
                    emptyToNull(account.gender()),
                    hash,
                    account.active(),
                    account.staff(),
                    account.superuser(),
                    false,
                    null,
                    now,
                    now));
        } catch (DuplicateKeyException raced) {
            throw emailTaken();
        }
    }

    /** Staff only; the search, ordering and page are checked once the caller may list at all. */
    public PageOfUsers list(Caller caller, String search, String ordering, PageRequest page) {
        permissions.checkCanList(caller);
        page.validated();
        UserQuery query = UserQuery.of(search, ordering);
        return new PageOfUsers(users.find(query, page.pageSize(), page.offset()), users.count(query));
    }

    public User get(Caller caller, long id) {
        return permissions.visible(caller, users.findById(id), io.keyhold.web.NotFound.DEFAULT_MESSAGE);
    }

    public User me(Caller caller) {
        permissions.requireAuthenticated(caller);
        return users.findById(caller.user().id()).orElseThrow(io.keyhold.web.NotFound::new);
    }

    /** PUT ({@code partial} false: email required) and PATCH. */
    public User update(Caller caller, long id, RequestFields body, boolean partial) {
        User target = get(caller, id);
        permissions.checkCanModify(caller, target);
        var errors = new FieldErrors();
        UserInput input = UserInput.read(body, partial ? UserInput.Mode.PATCH : UserInput.Mode.REPLACE, errors);
        permissions.checkFlagChanges(caller, target, input.active(), input.staff(), input.superuser());
        String email = input.email() == null ? target.email() : input.email().value();
        String name = input.name() == null ? target.name() : input.name();
        boolean ownPassword = input.password() != null && caller.is(target);
        if (input.password() != null) {
            errors.addAll("password", passwordPolicy.problems(input.password(), email, name));
        }
        if (ownPassword && input.currentPassword() == null && !errors.has("current_password")) {
            errors.add("current_password", UserInput.REQUIRED);
        }
        UserInput.throwIfInvalid(errors);
        if (ownPassword
                && !passwords
                        .verify(input.currentPassword(), target.passwordHash())
                        .matches()) {
            errors.add("current_password", WRONG_CURRENT_PASSWORD);
            errors.throwIfAny();
        }
        boolean emailChanged = !email.equals(target.email());
        if (emailChanged
                && !EmailAddress.keyOf(email).equals(EmailAddress.keyOf(target.email()))
                && users.existsByEmail(email)) {
            throw emailTaken();
        }
        String hash = input.password() == null ? target.passwordHash() : passwords.hash(input.password());
        User updated = new User(
                target.id(),
                email,
                name,
                input.phoneSent() ? emptyToNull(input.phone()) : target.phone(),
                input.genderSent() ? emptyToNull(input.gender()) : target.gender(),
                hash,
                input.active() == null ? target.active() : input.active(),
                input.staff() == null ? target.staff() : input.staff(),
                input.superuser() == null ? target.superuser() : input.superuser(),
                target.emailVerified() && !emailChanged,
                target.lastLogin(),
                target.createdAt(),
                Timestamps.now(clock));
        Long keptSession = caller.is(target) ? caller.sessionId() : null;
        return transaction.execute(status -> {
            if (removesActiveSuperuser(target, updated)) {
                requireAnotherActiveSuperuser(target, "Cannot deactivate or demote the last active superuser.");
            }
            try {
                users.update(updated);
            } catch (DuplicateKeyException raced) {
                throw emailTaken();
            }
            if (input.password() != null) {
                events.publishEvent(new UserEvents.PasswordChanged(target.id(), keptSession));
            }
            if (target.active() && !updated.active()) {
                events.publishEvent(new UserEvents.Deactivated(target.id()));
            }
            return users.findById(target.id()).orElseThrow();
        });
    }

    public void delete(Caller caller, long id) {
        User target = get(caller, id);
        permissions.checkCanModify(caller, target);
        transaction.executeWithoutResult(status -> {
            if (target.superuser() && target.active()) {
                requireAnotherActiveSuperuser(target, "Cannot delete the last active superuser.");
            }
            users.delete(target.id());
        });
    }

    /** Sets a password chosen by a trusted path (the changepassword command); ends every session. */
    public void setPassword(User target, String password) {
        List<String> problems = passwordPolicy.problems(password, target.email(), target.name());
        if (!problems.isEmpty()) {
            var errors = new FieldErrors();
            errors.addAll("password", problems);
            errors.throwIfAny();
        }
        String hash = passwords.hash(password);
        transaction.executeWithoutResult(status -> {
            users.updatePasswordHash(target.id(), hash);
            events.publishEvent(new UserEvents.PasswordChanged(target.id(), null));
        });
    }

    private static boolean removesActiveSuperuser(User before, User after) {
        return before.superuser() && before.active() && !(after.superuser() && after.active());
    }

    private void requireAnotherActiveSuperuser(User target, String error) {
        List<Long> superusers = users.lockActiveSuperuserIds();
        if (superusers.stream().noneMatch(id -> !Objects.equals(id, target.id()))) {
            throw new ApiException(HttpStatus.CONFLICT, error);
        }
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, EMAIL_TAKEN);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** A page of users and the total they were taken from. */
    public record PageOfUsers(List<User> users, long total) {}

    /** What a trusted path supplies to create an account. */
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
