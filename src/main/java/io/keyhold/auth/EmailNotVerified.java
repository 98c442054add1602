package io.keyhold.auth;

import io.keyhold.problems.Refusal;

/** 403: the credentials are right but the address is unverified and the SPEC §4 setting asks for it. */
public final class EmailNotVerified extends Refusal {

    static final String MESSAGE = "Email not verified";

    EmailNotVerified() {
        super(Kind.FORBIDDEN, MESSAGE);
    }

    @Override
    public String outcome() {
        return "unverified";
    }
}
