package io.keyhold.auth;

import io.keyhold.auth.LoginController.LoginResponse;
import io.keyhold.ratelimits.TooManyRequests;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers every way of logging in shares (a password, a second factor, a passkey alone), as
 * meta-annotations for their OpenAPI operations, so that each is documented once.
 */
final class LoginAnswers {

    private LoginAnswers() {}

    /** The session a login opens, and what the account's state and the session policy may refuse. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "200",
            description = "A new session.",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The account is disabled, or its address is unverified while "
                    + "`keyhold.signup.require-verified-email` is on.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = AccountDisabled.MESSAGE),
                                @ExampleObject(name = EmailNotVerified.MESSAGE)
                            }))
    @ApiResponse(
            responseCode = "409",
            description = "Policy `single`: the user had a live session. It has now ended, so the next login succeeds.",
            content = @Content(examples = @ExampleObject(name = AlreadyLoggedIn.MESSAGE)))
    @interface OpensSession {}

    /** The per-IP rate limit and the per-account lockout. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "429",
            description = "Too many logins from this client IP in the last minute, or the account is locked after "
                    + "repeated failures.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = TooManyRequests.MESSAGE),
                                @ExampleObject(name = AccountLocked.MESSAGE)
                            }))
    @interface Throttled {}
}
