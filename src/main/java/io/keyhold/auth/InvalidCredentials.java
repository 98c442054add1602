package io.keyhold.auth;

import io.keyhold.web.NotAuthenticated;

/** 401 for an unknown email and a wrong password alike, so neither tells which emails exist. */
final class InvalidCredentials extends NotAuthenticated {

    InvalidCredentials() {
        super("Invalid email or password");
    }
}
