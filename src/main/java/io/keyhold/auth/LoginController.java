package io.keyhold.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.auth.LoginResult.LoggedIn;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotAuthenticated;
import io.keyhold.requests.RequestFields;
import io.keyhold.sessions.SessionService.IssuedSession;
import io.keyhold.time.Timestamps;
import io.keyhold.users.EmailAddress;
import io.keyhold.users.UserJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/users/login/}: the only response that ever carries a token. */
@RestController
class LoginController {

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    @Schema(description = "A new session: the only response that ever carries a token.")
    record LoginResponse(
            @Schema(
                    description = "43 characters, base64url: send it as `Authorization: Bearer <token>`.",
                    example = "tYOpFnyKrYmimmFsoSvwBLdY086k5CwFJceXoiAgfvM")
            String token,

            @Schema(
                    description = "When the session ends unless used before (idle timeout)." + Timestamps.DOC,
                    format = "date-time",
                    example = Timestamps.EXAMPLE)
            @JsonProperty("expires_at")
            String expiresAt,

            UserJson user) {

        static LoginResponse of(LoggedIn<IssuedSession> loggedIn) {
            return new LoginResponse(
                    loggedIn.session().token(),
                    Timestamps.format(loggedIn.session().expiresAt()),
                    UserJson.of(loggedIn.user()));
        }
    }

    @PostMapping("/api/users/login")
    @Operation(
            operationId = "login",
            summary = "Log in",
            tags = "Login and sessions",
            description = "Checks, in this order: the input, the per-IP rate limit and per-account lockout, the "
                    + "credentials, the account's state, and the session policy (`keyhold.sessions.policy`). The "
                    + "only response that ever carries a token.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = Credentials.class),
                            examples =
                                    @ExampleObject(
                                            name = "credentials",
                                            value = "{\"email\": \"ada@example.com\", \"password\": "
                                                    + "\"analytical-engine-1843\"}")))
    @ApiResponse(
            responseCode = "400",
            description = "A malformed email, or a password shorter than 8 characters.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = EmailAddress.INVALID_SUMMARY,
                                        value = "{\"email\": [\"" + EmailAddress.INVALID + "\"]}"),
                                @ExampleObject(
                                        name = Credentials.PASSWORD_TOO_SHORT,
                                        value = "{\"password\": [\"" + Credentials.PASSWORD_FIELD_TOO_SHORT + "\"]}")
                            }))
    @ApiResponse(
            responseCode = "401",
            description = "Wrong email or password: one answer for both, in the same time. Or: the password is "
                    + "right and the user has a second factor; the body then also carries `mfa_required`, "
                    + "`mfa_token` and `methods` (see `SecondFactorRequiredProblem`), and the login goes on at "
                    + "`POST /api/users/login/mfa/`.",
            content =
                    @Content(
                            schema = @Schema(implementation = SecondFactorRequiredProblem.class),
                            examples = {
                                @ExampleObject(name = InvalidCredentials.MESSAGE),
                                @ExampleObject(name = SecondFactorRequiredProblem.MESSAGE),
                                @ExampleObject(name = NotAuthenticated.INVALID_TOKEN)
                            }))
    @LoginAnswers.OpensSession
    @LoginAnswers.Throttled
    ResponseEntity<?> login(RequestFields body, ClientInfo client) {
        var errors = new FieldErrors();
        Credentials credentials =
                logins.credentials(body.requiredText("email", errors), body.requiredText("password", errors), errors);
        return logins.login(credentials, client)
                .fold(
                        loggedIn -> ResponseEntity.ok(LoginResponse.of(loggedIn)),
                        secondFactor -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .body(SecondFactorRequiredProblem.of(secondFactor)));
    }
}
