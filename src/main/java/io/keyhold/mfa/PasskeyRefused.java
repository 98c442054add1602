package io.keyhold.mfa;

import io.keyhold.problems.NotAuthenticated;

/**
 * 401 for a login with a passkey alone that did not verify: an unknown credential, a used or
 * expired challenge, or a passkey used without user verification. One answer for all of them.
 */
public final class PasskeyRefused extends NotAuthenticated {

    public static final String MESSAGE = "Invalid passkey";

    public PasskeyRefused() {
        super(MESSAGE);
    }

    @Override
    public String outcome() {
        return "invalid_passkey";
    }
}
