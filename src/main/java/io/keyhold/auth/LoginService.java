package io.keyhold.auth;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.auth.LoginResult.LoggedIn;
import io.keyhold.network.ClientInfo;
import io.keyhold.passwords.PasswordCheck;
import io.keyhold.passwords.Passwords;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.Refusal;
import io.keyhold.problems.ValidationFailed;
import io.keyhold.ratelimits.ClientRateLimiter;
import io.keyhold.sessions.SessionService;
import io.keyhold.sessions.SessionService.IssuedSession;
import io.keyhold.time.Timestamps;
import io.keyhold.users.EmailAddress;
import io.keyhold.users.SignupProperties;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login in the order of SPEC §4: input ({@link #credentials}), credentials, account state, session
 * policy. The API and the admin console share every step, the throttle and the audit trail; only
 * the kind of session opened at the end differs (see {@link LoginChannel}).
 */
@Service
public class LoginService {

    private static final String LOGINS = "keyhold.logins";

    private final UserAccounts users;
    private final Passwords passwords;
    private final SessionService sessions;
    private final TransactionTemplate transaction;
    private final SignupProperties signup;
    private final ClientRateLimiter rateLimiter;
    private final LoginThrottle throttle;
    private final MeterRegistry meters;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginChannel<IssuedSession> apiChannel;

    LoginService(
            UserAccounts users,
            Passwords passwords,
            SessionService sessions,
            TransactionTemplate transaction,
            SignupProperties signup,
            ClientRateLimiter rateLimiter,
            LoginThrottle throttle,
            MeterRegistry meters,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.transaction = transaction;
        this.signup = signup;
        this.rateLimiter = rateLimiter;
        this.throttle = throttle;
        this.meters = meters;
        this.audit = audit;
        this.clock = clock;
        this.apiChannel = sessions::start;
    }

    /**
     * The credentials a controller read (null where a field is missing or unreadable, {@code errors}
     * saying why), checked by {@link Credentials#check}. A refusal is counted for the {@code
     * keyhold.logins} meter like every other outcome of a login, as {@code invalid}.
     */
    public Credentials credentials(String email, String password, FieldErrors errors) {
        try {
            return Credentials.check(email, password, errors);
        } catch (ValidationFailed invalid) {
            count(invalid.outcome());
            throw invalid;
        }
    }

    /** An API login: a bearer-token session under the configured session policy. */
    LoginResult<IssuedSession> login(Credentials credentials, ClientInfo client) {
        return login(credentials, client, apiChannel);
    }

    /** Logs in through a channel, counting every outcome for the {@code keyhold.logins} meter. */
    public <S> LoginResult<S> login(Credentials credentials, ClientInfo client, LoginChannel<S> channel) {
        try {
            LoginResult<S> result = attempt(credentials, client, channel);
            count("success");
            return result;
        } catch (Refusal refused) {
            count(refused.outcome());
            throw refused;
        }
    }

    private void count(String outcome) {
        meters.counter(LOGINS, "outcome", outcome).increment();
    }

    private <S> LoginResult<S> attempt(Credentials credentials, ClientInfo client, LoginChannel<S> channel) {
        rateLimiter.checkLogin(client);
        String emailKey = EmailAddress.keyOf(credentials.email());
        throttle.requireUnlocked(emailKey);
        Optional<User> found = users.findByEmail(credentials.email());
        if (found.isEmpty()) {
            // Cost the same hash an existing account would, so timing does not reveal the address.
            passwords.verifyAgainstNothing(credentials.password());
            throttle.recordFailure(emailKey, null, "no such account");
            throw new InvalidCredentials();
        }
        User user = found.get();
        PasswordCheck check = passwords.verify(credentials.password(), user.passwordHash());
        if (!check.matches()) {
            throttle.recordFailure(emailKey, user.id(), "wrong password");
            throw new InvalidCredentials();
        }
        throttle.recordSuccess(emailKey);
        if (!user.active()) {
            audit.record(AuditType.LOGIN_FAILED, user.id(), "account disabled");
            throw new AccountDisabled();
        }
        if (signup.requireVerifiedEmail() && !user.emailVerified()) {
            audit.record(AuditType.LOGIN_FAILED, user.id(), "email not verified");
            throw new EmailNotVerified();
        }
        try {
            channel.admit(user);
        } catch (Refusal refused) {
            audit.record(AuditType.LOGIN_FAILED, user.id(), refused.error());
            throw refused;
        }
        Optional<S> session = transaction.execute(status -> {
            // The hash was checked without a lock; decide on the row as it is now, so a login
            // racing a deletion, a deactivation or a password reset cannot open a session.
            User current = users.lockForUpdate(user.id()).orElseThrow(InvalidCredentials::new);
            if (!current.passwordHash().equals(user.passwordHash())) {
                throw new InvalidCredentials();
            }
            if (!current.active()) {
                throw new AccountDisabled();
            }
            Optional<S> started = channel.open(current, client);
            if (started.isPresent()) {
                users.recordLogin(current.id(), Timestamps.now(clock));
                audit.record(AuditType.LOGIN_SUCCEEDED, current.id(), channel.auditDetail());
            } else {
                audit.record(AuditType.LOGIN_FAILED, current.id(), "already logged in: that session was ended");
            }
            return started;
        });
        // After the commit: under the single policy the live session stays ended although this login fails.
        S issued = session.orElseThrow(() -> new AlreadyLoggedIn());
        if (check == PasswordCheck.MATCH_NEEDS_UPGRADE) {
            users.upgradeHash(user.id(), passwords.hash(credentials.password()));
        }
        return new LoggedIn<>(issued, users.findById(user.id()).orElseThrow(InvalidCredentials::new));
    }
}
