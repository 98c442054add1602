package io.keyhold.mail;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserService;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Address verification: a link goes to every new account and to every new address; following it
 * confirms that address, and only while it is still the account's address.
 */
@Service
public class EmailVerificationService {

    private final AccountTokens tokens;
    private final MailQuota quota;
    private final UserService userService;
    private final UserPermissions permissions;
    private final Links links;
    private final MailTemplates templates;
    private final Postman postman;
    private final TransactionTemplate transaction;
    private final AuditLog audit;

    EmailVerificationService(
            AccountTokens tokens,
            MailQuota quota,
            UserService userService,
            UserPermissions permissions,
            Links links,
            MailTemplates templates,
            Postman postman,
            TransactionTemplate transaction,
            AuditLog audit) {
        this.tokens = tokens;
        this.quota = quota;
        this.userService = userService;
        this.permissions = permissions;
        this.links = links;
        this.templates = templates;
        this.postman = postman;
        this.transaction = transaction;
        this.audit = audit;
    }

    @EventListener
    void onCreated(UserEvents.Created created) {
        send(created.userId(), created.email());
    }

    @EventListener
    void onEmailChanged(UserEvents.EmailChanged changed) {
        send(changed.userId(), changed.newEmail());
    }

    /**
     * Another link for the caller's unverified address, within the address's {@link MailQuota}; a
     * verified one needs none. Links sent because the account changed are never capped.
     */
    public void resend(Caller caller) {
        permissions.requireAuthenticated(caller);
        User user = caller.user();
        if (!user.emailVerified() && quota.take(user.email(), AccountToken.Purpose.VERIFY)) {
            send(user.id(), user.email());
        }
    }

    /** Confirms the address the link was sent to; an unknown, spent or expired link is a 400. */
    public void confirm(VerificationConfirmation confirmation) {
        Optional<AccountToken> usable = tokens.usable(confirmation.token(), AccountToken.Purpose.VERIFY);
        if (usable.isEmpty()) {
            AccountTokens.rejectLink();
        }
        transaction.executeWithoutResult(status -> {
            // A link for an address the account no longer has stays unspent, and can never verify it.
            if (!tokens.consume(usable.get())
                    || !userService.markEmailVerified(
                            usable.get().userId(), usable.get().email())) {
                AccountTokens.rejectLink();
            }
            audit.record(AuditType.EMAIL_VERIFIED, usable.get().userId(), null);
        });
    }

    public boolean isUsable(String token) {
        return tokens.usable(token, AccountToken.Purpose.VERIFY).isPresent();
    }

    private void send(long userId, String email) {
        tokens.issue(userId, AccountToken.Purpose.VERIFY, email).ifPresent(token -> {
            audit.record(AuditType.EMAIL_VERIFICATION_SENT, userId, null);
            postman.send(templates.render(
                    "verify-email",
                    email,
                    "Confirm your email address",
                    Map.of("email", email, "link", links.verify(token))));
        });
    }
}
