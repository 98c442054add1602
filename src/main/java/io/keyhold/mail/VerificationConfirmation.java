package io.keyhold.mail;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.NullMarked;

/** The non-empty token of a verification link that was followed. */
@NullMarked
@Schema(name = "EmailVerificationRequest", description = "The token from a verification link.")
public record VerificationConfirmation(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The `token` parameter of the verification link.",
                example = Links.EXAMPLE_TOKEN)
        String token) {

    /** Leaves the token out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "VerificationConfirmation[(hidden)]";
    }
}
