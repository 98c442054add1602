package io.keyhold.mfa;

import io.keyhold.problems.NotAuthenticated;

/** 401 for an {@code mfa_token} or passkey flow that is unknown, used, expired or out of tries. */
public final class LoginExpired extends NotAuthenticated {

    public static final String MESSAGE = "Login expired, start again";

    public LoginExpired() {
        super(MESSAGE);
    }

    @Override
    public String outcome() {
        return "login_expired";
    }
}
