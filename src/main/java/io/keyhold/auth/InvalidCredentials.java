package io.keyhold.auth;

import io.keyhold.problems.NotAuthenticated;

/** 401 for an unknown email and a wrong password alike, so neither tells which emails exist. */
public final class InvalidCredentials extends NotAuthenticated {

    static final String MESSAGE = "Invalid email or password";

    InvalidCredentials() {
        super(MESSAGE);
    }

    @Override
    public String outcome() {
        return "bad_credentials";
    }
}
