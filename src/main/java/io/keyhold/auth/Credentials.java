package io.keyhold.auth;

import io.keyhold.problems.FieldErrors;
import io.keyhold.users.EmailAddress;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The email and password a login is asked with, read by the controller from whatever it was sent
 * (the API's body, the console's form) and checked by {@link LoginService#credentials}, so that
 * {@link LoginService#login} never sees a request.
 */
@NullMarked
@Schema(name = "LoginRequest", description = "Credentials of an account.")
public record Credentials(
        @Schema(
                format = "email",
                maxLength = EmailAddress.MAX_LENGTH,
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "ada@example.com")
        String email,

        @Schema(
                format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                minLength = MIN_PASSWORD_LENGTH,
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The account's password; shorter than 8 characters is refused with 400.",
                example = "analytical-engine-1843")
        String password) {

    /** Leaves the password out, so that the record cannot carry a secret into a log line or a message. */
    @Override
    public String toString() {
        return "Credentials[email=" + email + ", password=(hidden)]";
    }

    static final String PASSWORD_TOO_SHORT = "Password must be at least 8 characters long";
    static final String PASSWORD_FIELD_TOO_SHORT = "Ensure this field has at least 8 characters.";
    private static final int MIN_PASSWORD_LENGTH = 8;

    /**
     * Checks the fields as the seed checks them, with its messages, adding to what reading them
     * found: a missing field is named before anything else, then a bad address, then a short
     * password.
     */
    static Credentials check(@Nullable String email, @Nullable String password, FieldErrors errors) {
        if (email != null && EmailAddress.parse(email).isEmpty()) {
            errors.add("email", EmailAddress.INVALID);
        }
        if (password != null && password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            errors.add("password", PASSWORD_FIELD_TOO_SHORT);
        }
        if (email == null || password == null) {
            errors.throwIfAny();
        }
        if (errors.has("email")) {
            errors.throwIfAny(EmailAddress.INVALID_SUMMARY);
        }
        errors.throwIfAny(PASSWORD_TOO_SHORT);
        return new Credentials(email, password);
    }
}
