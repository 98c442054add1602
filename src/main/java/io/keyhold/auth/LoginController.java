package io.keyhold.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;
import io.keyhold.time.Timestamps;
import io.keyhold.users.UserJson;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/users/login/}: the only response that ever carries a token. */
@RestController
class LoginController {

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    record LoginResponse(
            String token, @JsonProperty("expires_at") String expiresAt, UserJson user) {}

    @PostMapping("/api/users/login")
    LoginResponse login(RequestFields body, ClientInfo client) {
        var errors = new FieldErrors();
        Credentials credentials =
                logins.credentials(body.requiredText("email", errors), body.requiredText("password", errors), errors);
        return logins.login(credentials, client)
                .fold(loggedIn -> new LoginResponse(
                        loggedIn.session().token(),
                        Timestamps.format(loggedIn.session().expiresAt()),
                        UserJson.of(loggedIn.user())));
    }
}
