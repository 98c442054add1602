package io.keyhold.mail;

import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserEvents;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells users of changes to their account they may not have made themselves: a new password, and
 * a new address (told to the old one, which an attacker who took the account cannot read).
 */
@Component
class Notices {

    private final UserAccounts users;
    private final MailTemplates templates;
    private final Postman postman;

    Notices(UserAccounts users, MailTemplates templates, Postman postman) {
        this.users = users;
        this.templates = templates;
        this.postman = postman;
    }

    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        users.findById(changed.userId())
                .ifPresent(user -> postman.send(templates.render(
                        "password-changed",
                        user.email(),
                        "Your Keyhold password was changed",
                        Map.of("name", user.name()))));
    }

    @EventListener
    void onEmailChanged(UserEvents.EmailChanged changed) {
        postman.send(templates.render(
                "email-changed",
                changed.oldEmail(),
                "Your Keyhold email address was changed",
                Map.of("oldEmail", changed.oldEmail(), "newEmail", changed.newEmail())));
    }
}
