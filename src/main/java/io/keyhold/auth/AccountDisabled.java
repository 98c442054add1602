package io.keyhold.auth;

import io.keyhold.problems.Refusal;

/** 403: the credentials are right but the account is deactivated. */
public final class AccountDisabled extends Refusal {

    static final String MESSAGE = "Account is disabled";

    AccountDisabled() {
        super(Kind.FORBIDDEN, MESSAGE);
    }

    @Override
    public String outcome() {
        return "disabled";
    }
}
