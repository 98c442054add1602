package io.keyhold.users;

import static io.keyhold.users.UserFieldRules.BLANK;
import static io.keyhold.users.UserFieldRules.INVALID_EMAIL;

import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;
import io.keyhold.text.PlainText;
import java.util.regex.Pattern;

/**
 * Reads the bodies of the user endpoints into the records {@link UserService} takes, judging the
 * shape of each field as the seed's DRF serializer does. Every problem is collected, not thrown:
 * the record carries them to the service, which decides first whether the caller may act at all.
 * What needs the database or the caller (uniqueness, permissions, the current password, password
 * policy) is the service's.
 */
public final class UserBodies {

    static final String INVALID_PHONE = "Enter a valid phone number: digits, an optional leading +, spaces and dashes.";

    private static final Pattern PHONE = Pattern.compile(UserFieldRules.PHONE_PATTERN);

    private final RequestFields body;
    private final FieldErrors errors = new FieldErrors();

    private UserBodies(RequestFields body) {
        this.body = body;
    }

    /** A signup: email and password required. */
    static Signup signup(RequestFields body) {
        UserChanges read = new UserBodies(body).changes(true, true);
        return new Signup(
                read.email(),
                read.password(),
                read.name(),
                read.phone().value(),
                read.gender().value(),
                read.active(),
                read.staff(),
                read.superuser(),
                read.fieldErrors());
    }

    /** A PUT: as a PATCH, except that it must name the email address. */
    static UserChanges replacement(RequestFields body) {
        return new UserBodies(body).changes(true, false);
    }

    /** A PATCH: any field may be left out. */
    public static UserChanges patch(RequestFields body) {
        return new UserBodies(body).changes(false, false);
    }

    static PasswordChange passwordChange(RequestFields body) {
        var reader = new UserBodies(body);
        String current = reader.secret("current_password", true);
        String replacement = reader.secret("new_password", true);
        return new PasswordChange(current, replacement, reader.errors.asMap());
    }

    /** Every field in the serializer's order, so the errors come in that order too. */
    private UserChanges changes(boolean emailRequired, boolean passwordRequired) {
        EmailAddress email = email(emailRequired);
        String name = text("name", UserFieldRules.MAX_NAME, false);
        Change<String> phone = clearable("phone", UserFieldRules.MAX_PHONE);
        if (phone.value() != null && !PHONE.matcher(phone.value()).matches()) {
            errors.add("phone", INVALID_PHONE);
        }
        Change<String> gender = clearable("gender", UserFieldRules.MAX_GENDER);
        String password = secret("password", passwordRequired);
        String currentPassword = secret("current_password", false);
        return new UserChanges(
                email,
                name,
                phone,
                gender,
                password,
                currentPassword,
                body.flag("is_active", errors),
                body.flag("is_staff", errors),
                body.flag("is_superuser", errors),
                errors.asMap());
    }

    private EmailAddress email(boolean required) {
        if (!body.contains("email")) {
            if (required) {
                errors.add("email", FieldErrors.REQUIRED);
            }
            return null;
        }
        String raw = body.text("email", errors);
        if (raw == null) {
            if (!errors.has("email")) {
                errors.add("email", FieldErrors.NOT_NULL);
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
        UserFieldRules.checkEmailLength(parsed.get(), errors);
        return errors.has("email") ? null : parsed.get();
    }

    /** A field the user may empty: sent as null or as blank text, it clears what is stored. */
    private Change<String> clearable(String field, int maxLength) {
        if (!body.contains(field)) {
            return Change.keep();
        }
        String value = text(field, maxLength, true);
        return Change.to(value == null || value.isEmpty() ? null : value);
    }

    private String text(String field, int maxLength, boolean nullable) {
        String value = body.text(field, errors);
        if (value == null) {
            if (body.contains(field) && !nullable && !errors.has(field)) {
                errors.add(field, FieldErrors.NOT_NULL);
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
        UserFieldRules.checkText(field, value, maxLength, errors);
        return errors.has(field) ? null : value;
    }

    /** Passwords are taken exactly as sent: no trimming, spaces are characters too. */
    private String secret(String field, boolean required) {
        if (!body.contains(field)) {
            if (required) {
                errors.add(field, FieldErrors.REQUIRED);
            }
            return null;
        }
        String value = body.text(field, errors);
        if (value == null) {
            if (!errors.has(field)) {
                errors.add(field, FieldErrors.NOT_NULL);
            }
            return null;
        }
        if (value.isEmpty()) {
            errors.add(field, BLANK);
            return null;
        }
        return value;
    }
}
