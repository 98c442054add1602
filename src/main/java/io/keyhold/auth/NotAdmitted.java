package io.keyhold.auth;

import io.keyhold.problems.Refusal;

/**
 * 403 from a {@link LoginChannel} that admits only some accounts (the console admits staff): the
 * credentials are right, but this door is not for this user.
 */
public class NotAdmitted extends Refusal {

    public NotAdmitted(String error) {
        super(Kind.FORBIDDEN, error);
    }

    @Override
    public String outcome() {
        return "not_admitted";
    }
}
