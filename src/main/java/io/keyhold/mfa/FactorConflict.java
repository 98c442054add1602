package io.keyhold.mfa;

import io.keyhold.problems.Refusal;

/** 409: a change of second factors that does not fit their current state, such as enrolling twice. */
public final class FactorConflict extends Refusal {

    public static final String TOTP_ALREADY_ON = "Two-factor authentication is already enabled.";
    public static final String TOTP_OFF = "Two-factor authentication is not enabled.";
    public static final String NOTHING_TO_CONFIRM = "Start the authenticator set-up first.";
    public static final String NO_FACTOR = "Set up a second factor first.";

    FactorConflict(String error) {
        super(Kind.CONFLICT, error);
    }
}
