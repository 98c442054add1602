package io.keyhold.users;

import io.keyhold.problems.Refusal;

/** 409: the change would leave no active superuser, and with it nobody to manage staff. */
public final class LastSuperuser extends Refusal {

    static final String CANNOT_DEMOTE = "Cannot deactivate or demote the last active superuser.";
    static final String CANNOT_DELETE = "Cannot delete the last active superuser.";

    LastSuperuser(String error) {
        super(Kind.CONFLICT, error);
    }
}
