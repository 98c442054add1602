package io.keyhold.mail;

import io.keyhold.network.ClientInfo;
import io.keyhold.requests.RequestFields;
import io.keyhold.users.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API side of password reset and address verification. */
@RestController
class AccountMailController {

    record Message(String message) {}

    private static final Message RESET_REQUESTED =
            new Message("If an account uses this address, a link to reset its password is on its way.");
    private static final Message VERIFICATION_SENT =
            new Message("If the address is not verified yet, a new confirmation link is on its way.");

    private final PasswordResetService resets;
    private final EmailVerificationService verifications;

    AccountMailController(PasswordResetService resets, EmailVerificationService verifications) {
        this.resets = resets;
        this.verifications = verifications;
    }

    @PostMapping("/api/users/password-reset")
    ResponseEntity<Message> requestReset(RequestFields body, ClientInfo client) {
        resets.request(MailBodies.resetRequest(body), client);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RESET_REQUESTED);
    }

    @PostMapping("/api/users/password-reset/confirm")
    ResponseEntity<Void> confirmReset(RequestFields body) {
        resets.confirm(MailBodies.resetConfirmation(body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/verify-email")
    ResponseEntity<Void> verify(RequestFields body) {
        verifications.confirm(MailBodies.verificationConfirmation(body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/verify-email/resend")
    ResponseEntity<Message> resend(Caller caller) {
        verifications.resend(caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(VERIFICATION_SENT);
    }
}
