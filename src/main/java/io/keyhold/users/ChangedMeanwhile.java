package io.keyhold.users;

import io.keyhold.problems.Refusal;

/**
 * 409: the account changed between reading it and locking it (a rename of its address, a deletion),
 * so the request was decided on a row that is no longer there; sending it again decides it anew.
 */
public final class ChangedMeanwhile extends Refusal {

    static final String MESSAGE = "The account changed while this request ran; try again.";

    ChangedMeanwhile() {
        super(Kind.CONFLICT, MESSAGE);
    }
}
