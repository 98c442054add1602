package io.keyhold.mail;

import io.keyhold.users.User;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserRepository;
import io.keyhold.users.UserService;
import io.keyhold.web.ClientInfo;
import io.keyhold.web.ClientRateLimiter;
import io.keyhold.web.FieldErrors;
import io.keyhold.web.RequestFields;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by mail. A request answers the same whether or not the address has an account,
 * and does the same work up to the mail itself, which goes out after the response; the link's
 * token is single-use, lives an hour, and dies when a newer one is sent or the password changes.
 */
@Service
public class PasswordResetService {

    private final UserRepository users;
    private final UserService userService;
    private final AccountTokens tokens;
    private final Links links;
    private final MailTemplates templates;
    private final Postman postman;
    private final ClientRateLimiter rateLimiter;
    private final TransactionTemplate transaction;

    PasswordResetService(
            UserRepository users,
            UserService userService,
            AccountTokens tokens,
            Links links,
            MailTemplates templates,
            Postman postman,
            ClientRateLimiter rateLimiter,
            TransactionTemplate transaction) {
        this.users = users;
        this.userService = userService;
        this.tokens = tokens;
        this.links = links;
        this.templates = templates;
        this.postman = postman;
        this.rateLimiter = rateLimiter;
        this.transaction = transaction;
    }

    /** Mails a reset link if the address belongs to an active account; says nothing either way. */
    public void request(RequestFields body, ClientInfo client) {
        rateLimiter.checkPasswordReset(client);
        var errors = new FieldErrors();
        String email = body.text("email", errors);
        if (email == null && !errors.has("email")) {
            errors.add("email", "This field is required.");
        }
        errors.throwIfAny();
        transaction.executeWithoutResult(status -> users.findByEmail(email)
                .filter(User::active)
                .ifPresent(user -> tokens.issue(user.id(), AccountToken.Purpose.RESET, user.email())
                        .ifPresent(token -> postman.send(templates.render(
                                "password-reset",
                                user.email(),
                                "Reset your Keyhold password",
                                Map.of("name", user.name(), "link", links.reset(token)))))));
    }

    /**
     * Sets the new password and ends every session of the user. A password the policy refuses
     * leaves the token unspent, so the user can try another from the same link.
     */
    public void confirm(RequestFields body) {
        var errors = new FieldErrors();
        String token = required(body, "token", errors);
        String newPassword = required(body, "new_password", errors);
        errors.throwIfAny();
        Optional<AccountToken> usable = tokens.usable(token, AccountToken.Purpose.RESET);
        Optional<User> user = usable.flatMap(found -> users.findById(found.userId()));
        if (user.isEmpty()) {
            AccountTokens.rejectLink();
        }
        String hash = userService.hashNewPassword(user.get(), newPassword, "new_password");
        transaction.executeWithoutResult(status -> {
            if (!tokens.consume(usable.get())) {
                AccountTokens.rejectLink();
            }
            userService.storePassword(user.get().id(), hash);
        });
    }

    /** Whether a link's token could be used now: the reset page shows its form only then. */
    public boolean isUsable(String token) {
        return tokens.usable(token, AccountToken.Purpose.RESET).isPresent();
    }

    /** Any new password, however it was set, retires the outstanding reset links. */
    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        tokens.retireAll(changed.userId(), AccountToken.Purpose.RESET);
    }

    private static String required(RequestFields body, String field, FieldErrors errors) {
        String value = body.text(field, errors);
        if ((value == null || value.isEmpty()) && !errors.has(field)) {
            errors.add(field, "This field is required.");
        }
        return value;
    }
}
