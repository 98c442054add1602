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
    static final String INVALID_EMAIL = EmailAddress.INVALID;

    /** What a phone number may hold, besides nothing: digits, a leading +, spaces and dashes. */
    static final String PHONE_PATTERN = "\\+?[0-9][0-9 -]*";

    // How the API document describes the fields, on every record that carries them.
    static final String HIDDEN_REFUSED = " Control and invisible characters (line breaks, escapes, zero-width "
            + "spaces, bidi overrides, soft hyphens) are refused with 400: `" + PlainText.HIDDEN_CHARACTERS + "`";
    static final String EMAIL_DOC = "Unique case-insensitively, after IDNA (UTS #46) normalisation of the domain: "
            + "`a@ＥＸＡＭＰＬＥ.com` and `a@example.com` are one address, as are `a@xn--bcher-kva.de` and "
            + "`a@bücher.de`. The domain part is stored lower-cased, in its Unicode form." + HIDDEN_REFUSED;
    static final String NAME_DOC = "Display name." + HIDDEN_REFUSED;
    static final String PHONE_DOC =
            "Digits with an optional leading `+`, spaces and dashes; null or empty clears it." + HIDDEN_REFUSED;
    static final String GENDER_DOC = "Free text; null or empty clears it." + HIDDEN_REFUSED;
    static final String NEW_PASSWORD_DOC = "8 to 4096 characters, not a common password, not too similar to the "
            + "email or name, not entirely numeric.";
    static final String PHONE_SCHEMA_PATTERN = "^(" + PHONE_PATTERN + ")?$";

    private UserFieldRules() {}

    /** The summary line for a 400: the seed's wording for a malformed email, else the first problem. */
    static void throwIfInvalid(FieldErrors errors) {
        if (errors.messages("email").contains(INVALID_EMAIL)) {
            errors.throwIfAny(EmailAddress.INVALID_SUMMARY);
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
