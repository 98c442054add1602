package io.keyhold.users;

import io.keyhold.problems.FieldErrors;
import io.keyhold.text.PlainText;

/**
 * The shape of a user's fields, judged alike whether they come in a request body ({@link
 * UserBodies}) or from a trusted path (a command, the bootstrap variables, an import).
 */
final class UserFieldRules {

    static final int MAX_NAME = 255;
    static final int MAX_PHONE = 15;
    static final int MAX_GENDER = 10;
    static final String BLANK = "This field may not be blank.";
    static final String INVALID_EMAIL = "Enter a valid email address.";
    static final String INVALID_EMAIL_SUMMARY = "Invalid email format";

    private UserFieldRules() {}

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

    private static String tooLong(int maxLength) {
        return "Ensure this field has no more than " + maxLength + " characters.";
    }
}
