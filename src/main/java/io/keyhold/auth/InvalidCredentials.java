package io.keyhold.auth;

import io.keyhold.problems.NotAuthenticated;

/** 401 for an unknown email and a wrong password alike, so neither tells which emails exist. */
public final class InvalidCredentials extends NotAuthenticated {

    InvalidCredentials() {
        super("Invalid email or password");
    }

    @Override
    public String outcome() {
        return "bad_credentials";
    }
}
