package io.keyhold.mail;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.passwords.PasswordPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.NullMarked;

/** The token of a reset link and the password chosen with it, both non-empty. */
@NullMarked
@Schema(name = "PasswordResetConfirmRequest", description = "The token from a reset link and the new password.")
public record ResetConfirmation(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The `token` parameter of the reset link.",
                example = Links.EXAMPLE_TOKEN)
        String token,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                minLength = PasswordPolicy.MIN_LENGTH,
                maxLength = PasswordPolicy.MAX_LENGTH,
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "8 to 4096 characters, not a common password, not too similar to the email or "
                        + "name, not entirely numeric.",
                example = "difference-engine-1822")
        @JsonProperty("new_password")
        String newPassword) {

    /** Leaves the token and the password out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "ResetConfirmation[(hidden)]";
    }
}
