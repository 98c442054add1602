package io.keyhold.users;

import io.keyhold.problems.Refusal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the bootstrap superuser on start when the variables are set and no superuser exists.
 * A bad address or a weak password stops the start: a deployment that silently lacks its admin
 * is worse than one that does not come up.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final UserRepository users;
    private final UserService userService;

    BootstrapAdmin(BootstrapAdminProperties properties, UserRepository users, UserService userService) {
        this.properties = properties;
        this.users = users;
        this.userService = userService;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isSet() || users.anySuperuser()) {
            return;
        }
        EmailAddress email = EmailAddress.parse(properties.email())
                .orElseThrow(() -> new IllegalStateException("KEYHOLD_BOOTSTRAP_ADMIN_EMAIL is not a valid address"));
        try {
            User admin = userService.create(new UserService.NewUser(
                    email, User.DEFAULT_NAME, null, null, properties.password(), true, true, true));
            log.info("Created the bootstrap superuser, id {}", admin.id());
        } catch (Refusal refused) {
            if (users.anySuperuser()) {
                return; // another node created it at the same moment
            }
            String reasons = refused.fieldErrors().isEmpty()
                    ? refused.error()
                    : String.join(
                            " ",
                            refused.fieldErrors().values().stream()
                                    .flatMap(List::stream)
                                    .toList());
            throw new IllegalStateException("Cannot create the bootstrap superuser: " + reasons);
        }
    }
}
