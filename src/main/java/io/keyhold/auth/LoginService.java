package io.keyhold.auth;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.auth.LoginResult.LoggedIn;
import io.keyhold.auth.LoginResult.SecondFactorRequired;
import io.keyhold.mfa.InvalidCode;
import io.keyhold.mfa.LoginExpired;
import io.keyhold.mfa.PasskeyRefused;
import io.keyhold.mfa.Passkeys;
import io.keyhold.mfa.PendingLogins;
import io.keyhold.mfa.PendingLogins.PendingLogin;
import io.keyhold.mfa.SecondFactorProof;
import io.keyhold.mfa.SecondFactors;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
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
    private static final String SECOND_FACTORS = "keyhold.logins.second_factor";

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
    private final SecondFactors factors;
    private final PendingLogins pendingLogins;

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
            Clock clock,
            SecondFactors factors,
            PendingLogins pendingLogins) {
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
        this.factors = factors;
        this.pendingLogins = pendingLogins;
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

    /** The API's channel: bearer-token sessions under the configured session policy. */
    LoginChannel<IssuedSession> apiChannel() {
        return apiChannel;
    }

    /** Logs in through a channel, counting every outcome for the {@code keyhold.logins} meter. */
    public <S> LoginResult<S> login(Credentials credentials, ClientInfo client, LoginChannel<S> channel) {
        try {
            LoginResult<S> result = attempt(credentials, client, channel);
            count(result.fold(loggedIn -> "success", secondFactor -> "second_factor_required"));
            return result;
        } catch (Refusal refused) {
            count(refused.outcome());
            throw refused;
        }
    }

    /**
     * Finishes a login that waits for its second factor ({@code mfa_token} from {@link #login}),
     * counting the outcome for {@code keyhold.logins} and {@code keyhold.second_factors}.
     */
    public <S> LoggedIn<S> completeSecondFactor(
            String mfaToken, SecondFactorProof proof, ClientInfo client, LoginChannel<S> channel) {
        return counted(proof.method(), () -> proveSecondFactor(mfaToken, proof, client, channel));
    }

    /**
     * Begins a login with a passkey alone. Each call stores a challenge, so it counts against the
     * per-IP login limit like a login does.
     */
    public Passkeys.Ceremony passkeyOptions(ClientInfo client) {
        rateLimiter.checkLogin(client);
        return factors.passwordlessOptions();
    }

    /** A login with a passkey alone (a discoverable credential verified with user verification). */
    public <S> LoggedIn<S> loginWithPasskey(
            String flowId, String credential, ClientInfo client, LoginChannel<S> channel) {
        return counted("passkey", () -> {
            rateLimiter.checkLogin(client);
            User user = passkeyOwner(flowId, credential);
            admit(user, channel);
            return open(user, client, channel, "passkey");
        });
    }

    /** The user a passkey alone logs in; a refusal is a failed login, audited without a user. */
    private User passkeyOwner(String flowId, String credential) {
        OptionalLong userId = factors.passwordless(flowId, credential);
        Optional<User> user = userId.isPresent() ? users.findById(userId.getAsLong()) : Optional.empty();
        if (user.isEmpty()) {
            // Whose passkey it was is unknown: a refused assertion names no account for sure.
            audit.record(AuditType.LOGIN_FAILED, null, "passkey not accepted");
            throw new PasskeyRefused();
        }
        return user.get();
    }

    private <S> LoggedIn<S> counted(String method, Supplier<LoggedIn<S>> step) {
        String outcome = "error";
        try {
            LoggedIn<S> loggedIn = step.get();
            outcome = "success";
            return loggedIn;
        } catch (Refusal refused) {
            outcome = refused.outcome();
            throw refused;
        } finally {
            count(outcome);
            meters.counter(SECOND_FACTORS, "method", method, "outcome", outcome).increment();
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
            throttle.recordFailure(emailKey, null, AuditType.LOGIN_FAILED, "no such account");
            throw new InvalidCredentials();
        }
        User user = found.get();
        PasswordCheck check = passwords.verify(credentials.password(), user.passwordHash());
        if (!check.matches()) {
            throttle.recordFailure(emailKey, user.id(), AuditType.LOGIN_FAILED, "wrong password");
            throw new InvalidCredentials();
        }
        if (check == PasswordCheck.MATCH_NEEDS_UPGRADE) {
            users.upgradeHash(user.id(), passwords.hash(credentials.password()));
            user = users.findById(user.id()).orElseThrow(InvalidCredentials::new);
        }
        List<String> secondFactors = factors.methods(user.id());
        if (secondFactors.isEmpty()) {
            throttle.recordSuccess(emailKey);
        }
        // With a second factor the failure count runs on until the whole login succeeds: otherwise
        // each right password would reset it and give a guesser of codes five more tries.
        admit(user, channel);
        if (!secondFactors.isEmpty()) {
            return new SecondFactorRequired<>(pendingLogins.start(user.id()), secondFactors);
        }
        return open(user, client, channel, channel.auditDetail());
    }

    private <S> LoggedIn<S> proveSecondFactor(
            String mfaToken, SecondFactorProof proof, ClientInfo client, LoginChannel<S> channel) {
        rateLimiter.checkLogin(client);
        User user = pendingLogins
                .live(mfaToken)
                .flatMap(pending -> users.findById(pending.userId()))
                .orElseThrow(LoginExpired::new);
        String emailKey = EmailAddress.keyOf(user.email());
        throttle.ensureCounter(emailKey);
        // Every check of this account's codes queues on its lockout counter (and each mfa_token on
        // its own row), so parallel guesses are counted one by one and cannot overrun either limit.
        PendingLogin proven = transaction.execute(status -> {
            throttle.lockUnlocked(emailKey);
            PendingLogin pending = pendingLogins.live(mfaToken).orElseThrow(LoginExpired::new);
            if (pending.proven() || factors.prove(user.id(), pending.flowKey(), proof)) {
                pendingLogins.markProven(pending);
                return pending;
            }
            pendingLogins.recordFailure(pending);
            throttle.recordFailure(emailKey, user.id(), AuditType.MFA_FAILED, proof.method());
            return null;
        });
        if (proven == null) {
            throw new InvalidCode();
        }
        throttle.recordSuccess(emailKey);
        admit(user, channel);
        String detail = channel.auditDetail();
        // A refusal from here on (409 under the single policy) leaves the login proven: trying again
        // with the same mfa_token needs no second code, so no TOTP step or recovery code is lost.
        LoggedIn<S> loggedIn =
                open(user, client, channel, detail == null ? proof.method() : detail + ", " + proof.method());
        pendingLogins.finish(proven);
        return loggedIn;
    }

    /** SPEC §4 step 4 and the channel's own rule: the password (or passkey) was right, but may this account log in? */
    private void admit(User user, LoginChannel<?> channel) {
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
    }

    /** SPEC §4 step 5: opens the session under the policy, on the user's row as it is now. */
    private <S> LoggedIn<S> open(User user, ClientInfo client, LoginChannel<S> channel, String auditDetail) {
        Optional<S> session = transaction.execute(status -> {
            // The account was checked without a lock; decide on the row as it is now, so a login
            // racing a deletion, a deactivation or a password change cannot open a session.
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
                audit.record(AuditType.LOGIN_SUCCEEDED, current.id(), auditDetail);
            } else {
                audit.record(AuditType.LOGIN_FAILED, current.id(), "already logged in: that session was ended");
            }
            return started;
        });
        // After the commit: under the single policy the live session stays ended although this login fails.
        S issued = session.orElseThrow(() -> new AlreadyLoggedIn());
        return new LoggedIn<>(issued, users.findById(user.id()).orElseThrow(InvalidCredentials::new));
    }
}
