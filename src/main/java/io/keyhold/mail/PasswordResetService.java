package io.keyhold.mail;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.ratelimits.ClientRateLimiter;
import io.keyhold.users.EmailAddress;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserService;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by mail. A request answers the same, in the same time, whether or not the
 * address has an account, and leaves the same trace: one mail (a link, or a notice that no
 * active account uses the address, as django-allauth sends), one log line when mail goes to the
 * log, the same meters. The link's token is single-use, lives an hour, and dies when a newer one
 * is sent or the password changes.
 */
@Service
public class PasswordResetService {

    /** The same for a link and a notice: the subject alone must not tell them apart. */
    private static final String SUBJECT = "Reset your Keyhold password";

    private final UserAccounts users;
    private final UserService userService;
    private final AccountTokens tokens;
    private final MailQuota quota;
    private final Links links;
    private final MailTemplates templates;
    private final Postman postman;
    private final ClientRateLimiter rateLimiter;
    private final TransactionTemplate transaction;
    private final TaskExecutor background;
    private final AuditLog audit;

    PasswordResetService(
            UserAccounts users,
            UserService userService,
            AccountTokens tokens,
            MailQuota quota,
            Links links,
            MailTemplates templates,
            Postman postman,
            ClientRateLimiter rateLimiter,
            TransactionTemplate transaction,
            @Qualifier("applicationTaskExecutor") TaskExecutor background,
            AuditLog audit) {
        this.users = users;
        this.userService = userService;
        this.tokens = tokens;
        this.quota = quota;
        this.links = links;
        this.templates = templates;
        this.postman = postman;
        this.rateLimiter = rateLimiter;
        this.transaction = transaction;
        this.background = background;
        this.audit = audit;
    }

    /**
     * Mails a reset link if the address belongs to an active account, and otherwise a notice
     * that none does (to a valid address), both within the address's {@link MailQuota}; says
     * nothing either way. Everything after the input checks happens once the answer is on its
     * way, so a known and an unknown address take the same time to answer.
     */
    public void request(ResetRequest request, ClientInfo client) {
        rateLimiter.checkPasswordReset(client);
        FieldErrors.continuing(request.fieldErrors()).throwIfAny();
        String email = request.email();
        Long actor = audit.currentActor();
        background.execute(() -> {
            boolean withinQuota = quota.take(email, AccountToken.Purpose.RESET);
            transaction.executeWithoutResult(status -> {
                Optional<User> user = users.findByEmail(email).filter(User::active);
                audit.record(
                        AuditType.PASSWORD_RESET_REQUESTED,
                        user.map(User::id).orElse(null),
                        actor,
                        client,
                        user.isPresent() ? null : "no active account has this address");
                if (withinQuota) {
                    user.ifPresentOrElse(this::mailLink, () -> mailNotice(email));
                }
            });
        });
    }

    private void mailLink(User owner) {
        tokens.issue(owner.id(), AccountToken.Purpose.RESET, owner.email())
                .ifPresent(token -> postman.send(templates.render(
                        "password-reset",
                        owner.email(),
                        SUBJECT,
                        Map.of("name", owner.name(), "link", links.reset(token)))));
    }

    /** Tells whoever reads the mailbox why no link came; nothing goes to what is not an address at all. */
    private void mailNotice(String email) {
        EmailAddress.parse(email)
                .ifPresent(address -> postman.send(templates.render(
                        "password-reset-no-account", address.value(), SUBJECT, Map.of("email", address.value()))));
    }

    /**
     * Sets the new password and ends every session of the user. A password the policy refuses
     * leaves the token unspent, so the user can try another from the same link.
     */
    public void confirm(ResetConfirmation confirmation) {
        Optional<AccountToken> usable = tokens.usable(confirmation.token(), AccountToken.Purpose.RESET);
        // Only for an active account that still has the address the link went to.
        Optional<User> user = usable.flatMap(found -> users.findById(found.userId())
                .filter(User::active)
                .filter(owner -> EmailAddress.keyOf(owner.email()).equals(EmailAddress.keyOf(found.email()))));
        if (user.isEmpty()) {
            AccountTokens.rejectLink();
        }
        String hash = userService.hashNewPassword(user.get(), confirmation.newPassword(), "new_password");
        transaction.executeWithoutResult(status -> {
            if (!tokens.consume(usable.get())) {
                AccountTokens.rejectLink();
            }
            audit.record(AuditType.PASSWORD_RESET, user.get().id(), null);
            userService.storePassword(user.get().id(), hash);
            // The link proved the user reads this mailbox: the address counts as verified.
            userService.markEmailVerified(user.get().id(), user.get().email());
        });
    }

    /** Whether a link's token could be used now: the reset page shows its form only then. */
    public boolean isUsable(String token) {
        return tokens.usable(token, AccountToken.Purpose.RESET).isPresent();
    }

    /** A new password, a new address or a deactivation retires the outstanding reset links. */
    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        tokens.retireAll(changed.userId(), AccountToken.Purpose.RESET);
    }

    @EventListener
    void onEmailChanged(UserEvents.EmailChanged changed) {
        tokens.retireAll(changed.userId(), AccountToken.Purpose.RESET);
    }

    @EventListener
    void onDeactivated(UserEvents.Deactivated deactivated) {
        tokens.retireAll(deactivated.userId(), AccountToken.Purpose.RESET);
    }
}
