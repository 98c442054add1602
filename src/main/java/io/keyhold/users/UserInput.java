package io.keyhold.users;

import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;
import io.keyhold.text.PlainText;
import java.util.regex.Pattern;

/**
 * The user fields of a signup, PUT or PATCH body, each checked for type and shape. A field that
 * was not sent is null; {@code phoneSent}/{@code genderSent} tell "clear it" (JSON null) from
 * "leave it". Password policy needs the final email and name, so {@link UserService} applies it.
 */
record UserInput(
        EmailAddress email,
        String name,
        String phone,
        boolean phoneSent,
        String gender,
        boolean genderSent,
        String password,
        String currentPassword,
        Boolean active,
        Boolean staff,
        Boolean superuser) {

    enum Mode {
        SIGNUP,
        REPLACE,
        PATCH
    }

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String NOT_NULL = "This field may not be null.";
    static final String INVALID_EMAIL = "Enter a valid email address.";
    static final String INVALID_EMAIL_SUMMARY = "Invalid email format";
    static final int MAX_NAME = 255;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]*");

    static UserInput read(RequestFields body, Mode mode, FieldErrors errors) {
        boolean emailRequired = mode != Mode.PATCH;
        EmailAddress email = email(body, emailRequired, errors);
        String name = text(body, "name", MAX_NAME, false, errors);
        String phone = text(body, "phone", 15, true, errors);
        if (phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            errors.add("phone", "Enter a valid phone number: digits, an optional leading +, spaces and dashes.");
        }
        String gender = text(body, "gender", 10, true, errors);
        String password = secret(body, "password", mode == Mode.SIGNUP, errors);
        String currentPassword = secret(body, "current_password", false, errors);
        return new UserInput(
                email,
                name,
                phone,
                body.contains("phone"),
                gender,
                body.contains("gender"),
                password,
                currentPassword,
                body.flag("is_active", errors),
                body.flag("is_staff", errors),
                body.flag("is_superuser", errors));
    }

    /** The summary line for a 400: the seed's wording for a malformed email, else the first problem. */
    static void throwIfInvalid(FieldErrors errors) {
        if (errors.messages("email").contains(INVALID_EMAIL)) {
            errors.throwIfAny(INVALID_EMAIL_SUMMARY);
        }
        errors.throwIfAny();
    }

    /** Stored in its Unicode form and sent in its ASCII form: both must fit. */
    static void checkEmailLength(EmailAddress email, FieldErrors errors) {
        if (Math.max(email.value().length(), email.ascii().length()) > EmailAddress.MAX_LENGTH) {
            errors.add("email", tooLong(EmailAddress.MAX_LENGTH));
        }
    }

    /** A required text: nothing hidden in it, not blank, not longer than the column. */
    static void checkText(String field, String value, int maxLength, FieldErrors errors) {
        if (value != null && PlainText.hasHiddenCharacters(value)) {
            errors.add(field, PlainText.HIDDEN_CHARACTERS);
        } else if (value == null || value.isBlank()) {
            errors.add(field, BLANK);
        } else if (value.length() > maxLength) {
            errors.add(field, tooLong(maxLength));
        }
    }

    private static EmailAddress email(RequestFields body, boolean required, FieldErrors errors) {
        if (!body.contains("email")) {
            if (required) {
                errors.add("email", REQUIRED);
            }
            return null;
        }
        String raw = body.text("email", errors);
        if (raw == null) {
            if (!errors.has("email")) {
                errors.add("email", NOT_NULL);
            }
            return null;
        }
        if (PlainText.hasHiddenCharacters(raw)) {
            errors.add("email", PlainText.HIDDEN_CHARACTERS);
            return null;
        }
        if (raw.isBlank()) {
            errors.add("email", BLANK);
            return null;
        }
        var parsed = EmailAddress.parse(raw);
        if (parsed.isEmpty()) {
            errors.add("email", INVALID_EMAIL);
            return null;
        }
        checkEmailLength(parsed.get(), errors);
        return errors.has("email") ? null : parsed.get();
    }

    private static String text(RequestFields body, String field, int maxLength, boolean nullable, FieldErrors errors) {
        String value = body.text(field, errors);
        if (value == null) {
            if (body.contains(field) && !nullable && !errors.has(field)) {
                errors.add(field, NOT_NULL);
            }
            return null;
        }
        // Checked before stripping: a trailing line break is a hidden character too, not whitespace to forgive.
        if (PlainText.hasHiddenCharacters(value)) {
            errors.add(field, PlainText.HIDDEN_CHARACTERS);
            return null;
        }
        value = value.strip();
        if (nullable && value.isEmpty()) {
            return value;
        }
        checkText(field, value, maxLength, errors);
        return errors.has(field) ? null : value;
    }

    /** Passwords are taken exactly as sent: no trimming, spaces are characters too. */
    static String secret(RequestFields body, String field, boolean required, FieldErrors errors) {
        if (!body.contains(field)) {
            if (required) {
                errors.add(field, REQUIRED);
            }
            return null;
        }
        String value = body.text(field, errors);
        if (value == null) {
            if (!errors.has(field)) {
                errors.add(field, NOT_NULL);
            }
            return null;
        }
        if (value.isEmpty()) {
            errors.add(field, BLANK);
            return null;
        }
        return value;
    }

    static String tooLong(int maxLength) {
        return "Ensure this field has no more than " + maxLength + " characters.";
    }
}
