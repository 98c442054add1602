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
 * A signup as sent. Email and password are null only when {@code fieldErrors} says why; a flag
 * left out takes its default. The field errors travel with the signup for the reason given on
 * {@link UserChanges}.
 */
@NullMarked
@Schema(
        name = "SignupRequest",
        description = "A new account. `is_active` needs staff, `is_staff` and `is_superuser` a superuser; sending "
                + "the value an account gets anyway is not a change. Flags are `true` or `false`, or one of "
                + "Django REST Framework's spellings.")
public record Signup(
        @Schema(
                implementation = String.class,
                format = "email",
                maxLength = EmailAddress.MAX_LENGTH,
                requiredMode = REQUIRED,
                description = UserFieldRules.EMAIL_DOC,
                example = "grace@example.com")
        @Nullable
        EmailAddress email,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                minLength = PasswordPolicy.MIN_LENGTH,
                maxLength = PasswordPolicy.MAX_LENGTH,
                requiredMode = REQUIRED,
                description = UserFieldRules.NEW_PASSWORD_DOC,
                example = "analytical-engine-1843")
        @Nullable
        String password,

        @Schema(
                maxLength = UserFieldRules.MAX_NAME,
                defaultValue = "Anonymous",
                description = UserFieldRules.NAME_DOC,
                example = "Grace Hopper")
        @Nullable
        String name,

        @Schema(
                maxLength = UserFieldRules.MAX_PHONE,
                pattern = UserFieldRules.PHONE_SCHEMA_PATTERN,
                nullable = true,
                description = UserFieldRules.PHONE_DOC,
                example = "+1 555-0199")
        @Nullable
        String phone,

        @Schema(
                maxLength = UserFieldRules.MAX_GENDER,
                nullable = true,
                description = UserFieldRules.GENDER_DOC,
                example = "female")
        @Nullable
        String gender,

        @Schema(ref = "Flag") @JsonProperty("is_active") @Nullable
        Boolean active,

        @Schema(ref = "Flag") @JsonProperty("is_staff") @Nullable
        Boolean staff,

        @Schema(ref = "Flag") @JsonProperty("is_superuser") @Nullable
        Boolean superuser,

        @Schema(hidden = true) Map<String, List<String>> fieldErrors) {

    /** Leaves the password and the profile out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "Signup[email=" + email + ", password=(hidden)]";
    }
}
