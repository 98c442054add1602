package io.keyhold.mfa;

import io.keyhold.problems.Refusal;
import java.util.List;
import java.util.Map;

/**
 * 400: a new passkey did not verify. One answer for every cause (an unknown, expired or used flow, an
 * unreadable credential, a wrong origin or RP id, a credential already registered), so the answer
 * teaches a prober nothing, and it never echoes the credential.
 */
public final class InvalidPasskey extends Refusal {

    public static final String MESSAGE = "The passkey could not be verified.";

    InvalidPasskey() {
        super(Kind.INVALID, MESSAGE, Map.of("credential", List.of(MESSAGE)));
    }

    @Override
    public String outcome() {
        return "invalid_passkey";
    }
}
