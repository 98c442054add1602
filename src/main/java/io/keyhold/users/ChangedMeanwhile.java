package io.keyhold.users;

import io.keyhold.problems.Refusal;

/**
 * 409: the password changed between checking the current one and locking the row, so the check was
 * made against a password that no longer holds; sending the request again decides it anew.
 */
public final class ChangedMeanwhile extends Refusal {

    static final String MESSAGE = "The account changed while this request ran; try again.";

    ChangedMeanwhile() {
        super(Kind.CONFLICT, MESSAGE);
    }
}
