package io.keyhold.mfa;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.mfa.SecondFactorEvents.Change;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.PermissionDenied;
import io.keyhold.problems.ValidationFailed;
import io.keyhold.sessions.SessionEvents.EndReason;
import io.keyhold.sessions.SessionService;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's second factors (SPEC §13): TOTP and passkey enrolment and removal, recovery codes, the
 * list of factors, staff removing them all, and checking the proof a login gives. Every change by
 * the user asks for the current password, ends the user's other sessions and writes its audit event.
 */
@Service
public class SecondFactors {

    public static final String OWN_FACTORS =
            "Change your own second factors under /api/users/me/mfa/, with your password.";

    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TotpRepository totps;
    private final PendingLogins pendingLogins;
    private final FactorPresence presence;
    private final RecoveryCodes recoveryCodes;
    private final Passkeys passkeys;
    private final SecretCipher cipher;
    private final MfaProperties properties;
    private final UserService users;
    private final UserAccounts accounts;
    private final UserPermissions permissions;
    private final SessionService sessions;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondFactors(
            TotpRepository totps,
            PendingLogins pendingLogins,
            FactorPresence presence,
            RecoveryCodes recoveryCodes,
            Passkeys passkeys,
            SecretCipher cipher,
            MfaProperties properties,
            UserService users,
            UserAccounts accounts,
            UserPermissions permissions,
            SessionService sessions,
            AuditLog audit,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock) {
        this.totps = totps;
        this.pendingLogins = pendingLogins;
        this.presence = presence;
        this.recoveryCodes = recoveryCodes;
        this.passkeys = passkeys;
        this.cipher = cipher;
        this.properties = properties;
        this.users = users;
        this.accounts = accounts;
        this.permissions = permissions;
        this.sessions = sessions;
        this.audit = audit;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** What {@code GET me/mfa} shows: never a secret or a code. {@code totpSince} is null while TOTP is off. */
    public record FactorList(Instant totpSince, List<Passkeys.PasskeyView> passkeys, int recoveryCodesLeft) {}

    /** A TOTP secret not yet confirmed, shown once so that an authenticator app can take it. */
    public record TotpEnrolment(String secret, String otpauthUrl, String qrSvg) {

        @Override
        public String toString() {
            return "TotpEnrolment[hidden]";
        }
    }

    /** A passkey just added, and the recovery codes when it is the user's first second factor (else empty). */
    public record AddedPasskey(Passkeys.PasskeyView passkey, List<String> recoveryCodes) {

        @Override
        public String toString() {
            return "AddedPasskey[" + passkey + ", recovery codes hidden]";
        }
    }

    public FactorList list(User user) {
        Instant totpSince = totps.find(user.id())
                .filter(TotpRepository.StoredTotp::confirmed)
                .map(TotpRepository.StoredTotp::createdAt)
                .orElse(null);
        return new FactorList(totpSince, passkeys.list(user.id()), recoveryCodes.left(user.id()));
    }

    /** Whether the user has a second factor, so that a password alone no longer logs them in. */
    public boolean any(long userId) {
        return presence.of(userId).any();
    }

    private boolean totpEnabled(long userId) {
        return presence.of(userId).totp();
    }

    /**
     * The factors a login may use now, named as SPEC §13's {@code methods}; empty when the user has
     * none and the password alone logs them in.
     */
    public List<String> methods(long userId) {
        return presence.of(userId).methods();
    }

    /**
     * Begins TOTP enrolment: a new secret that counts only once {@link #confirmTotp} sees a code
     * made from it. Beginning again replaces an unconfirmed secret.
     */
    public TotpEnrolment beginTotp(Caller caller, String currentPassword) {
        User user = self(caller);
        users.checkCurrentPassword(user, currentPassword);
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        transaction.executeWithoutResult(status -> {
            // On the user's locked row, so enrolments begun at once replace each other in turn.
            accounts.lockForUpdate(user.id()).orElseThrow(NotFound::new);
            if (totpEnabled(user.id())) {
                throw new FactorConflict(FactorConflict.TOTP_ALREADY_ON);
            }
            totps.savePending(user.id(), cipher.encrypt(secret), Timestamps.now(clock));
        });
        String base32 = Base32.encode(secret);
        String url = otpauthUrl(user.email(), base32);
        return new TotpEnrolment(base32, url, QrCodeSvg.of(url));
    }

    private String otpauthUrl(String email, String secret) {
        String issuer = encode(properties.issuer());
        return "otpauth://totp/" + issuer + ":" + encode(email).replace("%40", "@") + "?secret=" + secret + "&issuer="
                + issuer;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Turns TOTP on once a code from the new secret is right, and only then hands out a new set of
     * recovery codes, so that nobody keeps codes for a factor that never worked.
     */
    public List<String> confirmTotp(Caller caller, String code) {
        User user = self(caller);
        Instant now = Timestamps.now(clock);
        return changeFactors(caller, user, () -> {
            var pending = totps.find(user.id())
                    .filter(stored -> !stored.confirmed())
                    .orElseThrow(() -> new FactorConflict(
                            totpEnabled(user.id())
                                    ? FactorConflict.TOTP_ALREADY_ON
                                    : FactorConflict.NOTHING_TO_CONFIRM));
            OptionalLong step = Totp.matchingStep(cipher.decrypt(pending.secret()), code, now);
            if (step.isEmpty() || !totps.confirm(user.id(), pending.secret(), step.getAsLong(), now)) {
                throw wrongCode("code");
            }
            audit.record(AuditType.MFA_ENABLED, user.id(), "totp");
            List<String> codes = issueRecoveryCodes(user);
            publishChange(user.id(), Change.TOTP_ENABLED);
            return codes;
        });
    }

    /**
     * Turns TOTP off, with the password and a code (TOTP or recovery) as proof. A wrong code is
     * recorded as {@code mfa_failed}; a right one stays used even if the change then fails.
     */
    public void disableTotp(Caller caller, String currentPassword, String code) {
        User user = self(caller);
        users.checkCurrentPassword(user, currentPassword);
        if (!totpEnabled(user.id())) {
            throw new FactorConflict(FactorConflict.TOTP_OFF);
        }
        if (!Boolean.TRUE.equals(transaction.execute(status -> proveWithCode(user.id(), code)))) {
            audit.record(AuditType.MFA_FAILED, user.id(), "turning TOTP off");
            throw wrongCode("code");
        }
        changeFactors(caller, user, () -> {
            totps.delete(user.id());
            forgetRecoveryCodesIfNoFactorLeft(user.id());
            audit.record(AuditType.MFA_DISABLED, user.id(), "totp");
            publishChange(user.id(), Change.TOTP_DISABLED);
            return null;
        });
    }

    /** A new set of recovery codes; the old set stops working. */
    public List<String> regenerateRecoveryCodes(Caller caller, String currentPassword) {
        User user = self(caller);
        users.checkCurrentPassword(user, currentPassword);
        if (!any(user.id())) {
            throw new FactorConflict(FactorConflict.NO_FACTOR);
        }
        return transaction.execute(status -> issueRecoveryCodes(user));
    }

    private List<String> issueRecoveryCodes(User user) {
        List<String> codes = recoveryCodes.replace(user.id());
        audit.record(AuditType.RECOVERY_CODES_GENERATED, user.id(), null);
        return codes;
    }

    /** Begins adding a passkey, after the password. */
    public Passkeys.Ceremony passkeyOptions(Caller caller, String currentPassword) {
        User user = self(caller);
        users.checkCurrentPassword(user, currentPassword);
        return passkeys.registrationOptions(user);
    }

    /** Finishes adding a passkey; the first second factor also brings recovery codes. */
    public AddedPasskey addPasskey(Caller caller, String flowId, String credential, String name) {
        User user = self(caller);
        try {
            return changeFactors(caller, user, () -> {
                boolean first = !any(user.id());
                Passkeys.PasskeyView added = passkeys.register(user, flowId, credential, name);
                audit.record(AuditType.PASSKEY_ADDED, user.id(), "passkey " + added.id());
                List<String> codes = first ? issueRecoveryCodes(user) : List.of();
                publishChange(user.id(), Change.PASSKEY_ADDED);
                return new AddedPasskey(added, codes);
            });
        } catch (InvalidPasskey refused) {
            // The refusal rolled back the use of the flow with the rest; a flow is tried once.
            passkeys.endRegistration(user, flowId);
            throw refused;
        }
    }

    public void removePasskey(Caller caller, long passkeyId, String currentPassword) {
        User user = self(caller);
        users.checkCurrentPassword(user, currentPassword);
        changeFactors(caller, user, () -> {
            if (!passkeys.remove(user.id(), passkeyId)) {
                throw new NotFound();
            }
            forgetRecoveryCodesIfNoFactorLeft(user.id());
            audit.record(AuditType.PASSKEY_REMOVED, user.id(), "passkey " + passkeyId);
            publishChange(user.id(), Change.PASSKEY_REMOVED);
            return null;
        });
    }

    /**
     * Staff remove every second factor of a user who lost them (a lost phone), under the rule that
     * only a superuser changes a staff account. Never one's own: that goes through the {@code me}
     * endpoints, which ask for the password (and a code), so a stolen token cannot turn factors
     * off. All the user's sessions and waiting logins end.
     */
    public void removeAll(Caller caller, long targetId) {
        User target = permissions.visible(caller, accounts.findById(targetId), NotFound.DEFAULT_MESSAGE);
        if (caller.is(target)) {
            throw new PermissionDenied(OWN_FACTORS);
        }
        permissions.checkCanModify(caller, target);
        transaction.executeWithoutResult(status -> {
            User current = accounts.lockForUpdate(target.id()).orElseThrow(NotFound::new);
            permissions.checkCanModify(caller, current);
            boolean hadAny = any(current.id());
            totps.delete(current.id());
            passkeys.removeAll(current.id());
            recoveryCodes.deleteAll(current.id());
            pendingLogins.endAll(current.id());
            sessions.endOtherSessions(current.id(), null, EndReason.SECOND_FACTORS_CHANGED);
            audit.record(AuditType.MFA_DISABLED, current.id(), "all second factors removed");
            if (hadAny) {
                publishChange(current.id(), Change.ALL_REMOVED);
            }
        });
    }

    /** {@link #removeAll} as a question, for pages that offer only what the caller may do. */
    public boolean canRemoveAll(Caller caller, User target) {
        return !caller.is(target) && permissions.canModify(caller, target);
    }

    /**
     * Checks a login's second factor. A used TOTP step, a used recovery code and a used passkey
     * assertion are each refused after their first use, on every node.
     */
    public boolean prove(long userId, String flowKey, SecondFactorProof proof) {
        if (proof.credential() != null) {
            return passkeys.verifySecondFactor(userId, flowKey, proof.credential());
        }
        return proof.code() != null ? proveTotp(userId, proof.code()) : proveRecoveryCode(userId, proof.recoveryCode());
    }

    /** The user a passkey alone logs in, if it verifies with user verification; empty otherwise. */
    public OptionalLong passwordless(String flowId, String credential) {
        return passkeys.verifyPasswordless(flowId, credential);
    }

    /** Begins a login with a passkey alone: a challenge for any discoverable credential. */
    public Passkeys.Ceremony passwordlessOptions() {
        return passkeys.passwordlessOptions();
    }

    /** The passkey challenge of a login waiting for its second factor. */
    public Passkeys.Ceremony loginPasskeyOptions(long userId, String flowKey) {
        return passkeys.secondFactorOptions(userId, flowKey);
    }

    /** A TOTP code, or a recovery code where the user typed one instead: what disabling TOTP asks for. */
    private boolean proveWithCode(long userId, String code) {
        return proveTotp(userId, code) || proveRecoveryCode(userId, code);
    }

    private boolean proveTotp(long userId, String code) {
        Instant now = Timestamps.now(clock);
        return totps.find(userId)
                .filter(TotpRepository.StoredTotp::confirmed)
                .map(stored -> Totp.matchingStep(cipher.decrypt(stored.secret()), code, now))
                .filter(OptionalLong::isPresent)
                .map(step -> totps.useStep(userId, step.getAsLong()))
                .orElse(false);
    }

    private boolean proveRecoveryCode(long userId, String code) {
        if (!recoveryCodes.use(userId, code)) {
            return false;
        }
        audit.record(AuditType.RECOVERY_CODE_USED, userId, recoveryCodes.left(userId) + " left");
        return true;
    }

    /** Published in the change's transaction, after it, so {@code methods} are the ones a login now meets. */
    private void publishChange(long userId, Change change) {
        events.publishEvent(new SecondFactorEvents.Changed(userId, change, methods(userId)));
    }

    private void forgetRecoveryCodesIfNoFactorLeft(long userId) {
        if (!any(userId)) {
            recoveryCodes.deleteAll(userId);
        }
    }

    /**
     * Runs a change of the caller's own factors in one transaction on their locked row, then ends
     * their other sessions: whoever holds another session may not have seen the change.
     */
    private <T> T changeFactors(Caller caller, User user, Supplier<T> change) {
        return transaction.execute(status -> {
            accounts.lockForUpdate(user.id()).orElseThrow(NotFound::new);
            T result = change.get();
            sessions.endOtherSessions(user.id(), caller.sessionId(), EndReason.SECOND_FACTORS_CHANGED);
            return result;
        });
    }

    private User self(Caller caller) {
        permissions.requireAuthenticated(caller);
        return caller.user();
    }

    private static ValidationFailed wrongCode(String field) {
        var errors = new FieldErrors();
        errors.add(field, InvalidCode.MESSAGE);
        return new ValidationFailed(InvalidCode.MESSAGE, errors);
    }
}
