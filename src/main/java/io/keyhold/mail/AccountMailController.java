package io.keyhold.mail;

import io.keyhold.network.ClientInfo;
import io.keyhold.passwords.PasswordPolicy;
import io.keyhold.problems.FieldErrors;
import io.keyhold.ratelimits.TooManyRequests;
import io.keyhold.requests.RequestFields;
import io.keyhold.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API side of password reset and address verification. */
@RestController
class AccountMailController {

    record Message(@Schema(description = "What happened.") String message) {}

    private static final String TAG = "Passwords and email";
    private static final String RESET_REQUESTED_TEXT =
            "If an account uses this address, a link to reset its password is on its way.";
    private static final Message RESET_REQUESTED = new Message(RESET_REQUESTED_TEXT);
    private static final Message VERIFICATION_SENT =
            new Message("If the address is not verified yet, a new confirmation link is on its way.");
    private static final String TOKEN_EXAMPLE = "{\"token\": \"" + Links.EXAMPLE_TOKEN + "\"";

    private final PasswordResetService resets;
    private final EmailVerificationService verifications;

    AccountMailController(PasswordResetService resets, EmailVerificationService verifications) {
        this.resets = resets;
        this.verifications = verifications;
    }

    @PostMapping("/api/users/password-reset")
    @Operation(
            operationId = "requestPasswordReset",
            summary = "Request a password reset link",
            tags = TAG,
            description = "Always the same answer, whether or not an account uses the address. An active account's "
                    + "address gets a single-use link valid for one hour (at most three an hour). Rate-limited "
                    + "per client IP.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = ResetRequest.class),
                            examples = @ExampleObject(name = "address", value = "{\"email\": \"ada@example.com\"}")))
    @ApiResponse(
            responseCode = "202",
            description = "Accepted; a link is mailed if an active account uses the address.")
    @ApiResponse(
            responseCode = "400",
            description = "`email` is missing.",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "email: " + FieldErrors.REQUIRED,
                                            value = "{\"email\": [\"" + FieldErrors.REQUIRED + "\"]}")))
    @ApiResponse(
            responseCode = "429",
            description = "Too many reset requests from this client IP in the last minute.",
            content = @Content(examples = @ExampleObject(name = TooManyRequests.MESSAGE)))
    ResponseEntity<Message> requestReset(RequestFields body, ClientInfo client) {
        resets.request(MailBodies.resetRequest(body), client);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RESET_REQUESTED);
    }

    @PostMapping("/api/users/password-reset/confirm")
    @Operation(
            operationId = "confirmPasswordReset",
            summary = "Set a new password from a reset link",
            tags = TAG,
            description = "Uses the link up, ends every session of the user, and counts the address as verified. "
                    + "A password the policy refuses leaves the link usable.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = ResetConfirmation.class),
                            examples =
                                    @ExampleObject(
                                            name = "reset",
                                            description = "`token` stands for the one in a mailed reset link: this "
                                                    + "one is refused.",
                                            value = TOKEN_EXAMPLE + ", \"new_password\": \"difference-engine-1822\"}")))
    @ApiResponse(responseCode = "204", description = "The password is set.")
    @ApiResponse(
            responseCode = "400",
            description = "A link that is unknown, used or expired, a missing field, or a password the policy refuses.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = AccountTokens.INVALID_LINK,
                                        value = "{\"token\": [\"" + AccountTokens.INVALID_LINK + "\"]}"),
                                @ExampleObject(
                                        name = "new_password: " + PasswordPolicy.TOO_COMMON,
                                        value = "{\"new_password\": [\"" + PasswordPolicy.TOO_COMMON + "\"]}")
                            }))
    ResponseEntity<Void> confirmReset(RequestFields body) {
        resets.confirm(MailBodies.resetConfirmation(body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/verify-email")
    @Operation(
            operationId = "verifyEmail",
            summary = "Confirm an email address",
            tags = TAG,
            description = "Uses the link up and sets `email_verified`.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = VerificationConfirmation.class),
                            examples =
                                    @ExampleObject(
                                            name = "verification",
                                            description = "`token` stands for the one in a mailed verification "
                                                    + "link: this one is refused.",
                                            value = TOKEN_EXAMPLE + "}")))
    @ApiResponse(responseCode = "204", description = "The address is verified.")
    @ApiResponse(
            responseCode = "400",
            description = "A link that is unknown, used or expired, or no `token`.",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = AccountTokens.INVALID_LINK,
                                            value = "{\"token\": [\"" + AccountTokens.INVALID_LINK + "\"]}")))
    ResponseEntity<Void> verify(RequestFields body) {
        verifications.confirm(MailBodies.verificationConfirmation(body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/verify-email/resend")
    @Operation(
            operationId = "resendVerification",
            summary = "Send another verification link",
            tags = TAG,
            description = "Nothing is sent for an address that is verified already.")
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "token")
    @ApiResponse(responseCode = "202", description = "Accepted.")
    ResponseEntity<Message> resend(Caller caller) {
        verifications.resend(caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(VERIFICATION_SENT);
    }
}
