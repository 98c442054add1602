package io.keyhold.mail;

import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;

/**
 * Reads the bodies of the mail endpoints into the records the services take, with the seed's
 * messages: the same for the API's JSON and for the forms of the pages the links open, so both
 * refuse a field alike. The services behind them never see a request.
 */
final class MailBodies {

    private MailBodies() {}

    /**
     * An empty address is not missing: it is answered like any other that has no account. A
     * problem is not thrown here but handed on, for the reason given on {@link ResetRequest}.
     */
    static ResetRequest resetRequest(RequestFields body) {
        var errors = new FieldErrors();
        String email = body.requiredText("email", errors);
        return new ResetRequest(email, errors.asMap());
    }

    static ResetConfirmation resetConfirmation(RequestFields body) {
        var errors = new FieldErrors();
        String token = body.requiredNonEmptyText("token", errors);
        String newPassword = body.requiredNonEmptyText("new_password", errors);
        errors.throwIfAny();
        return new ResetConfirmation(token, newPassword);
    }

    static VerificationConfirmation verificationConfirmation(RequestFields body) {
        var errors = new FieldErrors();
        String token = body.requiredNonEmptyText("token", errors);
        errors.throwIfAny();
        return new VerificationConfirmation(token);
    }
}
