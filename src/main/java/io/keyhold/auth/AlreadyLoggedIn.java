package io.keyhold.auth;

import io.keyhold.problems.Refusal;

/** 409 under the single-session policy: the user already had a live session, which this login ended. */
public final class AlreadyLoggedIn extends Refusal {

    static final String MESSAGE = "User already logged in";

    AlreadyLoggedIn() {
        super(Kind.CONFLICT, MESSAGE);
    }

    @Override
    public String outcome() {
        return "already_logged_in";
    }
}
