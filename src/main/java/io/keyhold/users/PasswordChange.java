package io.keyhold.users;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.passwords.PasswordPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A user's change of their own password. Either password is null only when {@code fieldErrors}
 * says why; the errors travel with it so that one answer also lists the policy's objections to
 * the new password.
 */
@NullMarked
@Schema(name = "PasswordChangeRequest", description = "The caller's own password change.")
public record PasswordChange(
        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                requiredMode = REQUIRED,
                description = "The password in use now.",
                example = "analytical-engine-1843")
        @JsonProperty("current_password")
        @Nullable
        String currentPassword,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                minLength = PasswordPolicy.MIN_LENGTH,
                maxLength = PasswordPolicy.MAX_LENGTH,
                requiredMode = REQUIRED,
                description = UserFieldRules.NEW_PASSWORD_DOC,
                example = "difference-engine-1822")
        @JsonProperty("new_password")
        @Nullable
        String newPassword,

        @Schema(hidden = true) Map<String, List<String>> fieldErrors) {

    /** Leaves both passwords out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "PasswordChange[(hidden)]";
    }
}
