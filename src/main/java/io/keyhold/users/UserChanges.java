package io.keyhold.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.passwords.PasswordPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * What a PUT or PATCH asks to change about a user; a null field was left out and stays as it is.
 * {@code currentPassword} is not a change but the proof a user gives when changing their own
 * password or address.
 *
 * <p>{@code fieldErrors} are the problems found while reading the body. They travel with it
 * rather than being thrown at once, so that a caller who may not make the change at all hears
 * that first, and one answer lists them together with the service's own (password policy).
 */
@NullMarked
@Schema(
        name = "UserPatchRequest",
        description = "Any subset of the editable profile (PATCH); fields not sent are left as they are. "
                + "`is_active` needs staff, `is_staff` and `is_superuser` a superuser. Flags are `true` or "
                + "`false`, or one of Django REST Framework's spellings.")
public record UserChanges(
        @Schema(
                implementation = String.class,
                format = "email",
                maxLength = EmailAddress.MAX_LENGTH,
                description = UserFieldRules.EMAIL_DOC,
                example = "ada@example.com")
        @Nullable
        EmailAddress email,

        @Schema(maxLength = UserFieldRules.MAX_NAME, description = UserFieldRules.NAME_DOC, example = "Ada Lovelace")
        @Nullable
        String name,

        @Schema(
                implementation = String.class,
                maxLength = UserFieldRules.MAX_PHONE,
                pattern = UserFieldRules.PHONE_SCHEMA_PATTERN,
                nullable = true,
                description = UserFieldRules.PHONE_DOC,
                example = "+1 555-0100")
        Change<String> phone,

        @Schema(
                implementation = String.class,
                maxLength = UserFieldRules.MAX_GENDER,
                nullable = true,
                description = UserFieldRules.GENDER_DOC,
                example = "female")
        Change<String> gender,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                minLength = PasswordPolicy.MIN_LENGTH,
                maxLength = PasswordPolicy.MAX_LENGTH,
                description = UserFieldRules.NEW_PASSWORD_DOC + " Changing one's own password ends the "
                        + "user's other sessions; a password set by staff ends all of them.",
                example = "difference-engine-1822")
        @Nullable
        String password,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                description = "Required when changing one's own password or email address.",
                example = "analytical-engine-1843")
        @JsonProperty("current_password")
        @Nullable
        String currentPassword,

        @Schema(ref = "Flag") @JsonProperty("is_active") @Nullable
        Boolean active,

        @Schema(ref = "Flag") @JsonProperty("is_staff") @Nullable
        Boolean staff,

        @Schema(ref = "Flag") @JsonProperty("is_superuser") @Nullable
        Boolean superuser,

        @Schema(hidden = true) Map<String, List<String>> fieldErrors) {

    /** Leaves the passwords and the profile out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "UserChanges[email=" + email + ", passwords=(hidden)]";
    }

    /** Activation or deactivation alone, as the console's buttons ask for it. */
    public static UserChanges onlyActive(boolean active) {
        return new UserChanges(null, null, Change.keep(), Change.keep(), null, null, active, null, null, Map.of());
    }

    /** A PUT's body: as a PATCH's, with {@code email} required. A record cannot be both, so this names the difference. */
    @Schema(
            name = "UserReplaceRequest",
            description = "The whole editable profile (PUT): `email` is required, omitted optional fields are left "
                    + "as they are.",
            allOf = UserChanges.class,
            requiredProperties = "email")
    interface Replacement {}
}
