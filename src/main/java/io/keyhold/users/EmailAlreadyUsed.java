package io.keyhold.users;

import io.keyhold.problems.Refusal;

/** 409: another account already has this address (compared by its key, SPEC §1). */
public final class EmailAlreadyUsed extends Refusal {

    static final String MESSAGE = "A user with this email already exists.";

    EmailAlreadyUsed() {
        super(Kind.CONFLICT, MESSAGE);
    }
}
