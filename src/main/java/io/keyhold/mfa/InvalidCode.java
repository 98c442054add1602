package io.keyhold.mfa;

import io.keyhold.problems.NotAuthenticated;

/** 401 for a wrong second factor at login: a TOTP code, a recovery code or a passkey assertion. */
public final class InvalidCode extends NotAuthenticated {

    public static final String MESSAGE = "Invalid code";

    public InvalidCode() {
        super(MESSAGE);
    }

    @Override
    public String outcome() {
        return "invalid_code";
    }
}
