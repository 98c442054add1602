package io.keyhold.admin;

import io.keyhold.users.Caller;
import io.keyhold.users.UserJson;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its header: who is signed in, and whether they are a superuser. */
@ControllerAdvice(basePackageClasses = ConsoleModelAdvice.class)
class ConsoleModelAdvice {

    @ModelAttribute("me")
    UserJson me(Caller caller) {
        return caller.isAnonymous() ? null : UserJson.of(caller.user());
    }
}
