package io.keyhold.mail;

import io.keyhold.problems.Refusal;
import io.keyhold.problems.RefusalStatus;
import io.keyhold.requests.RequestFields;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages the mailed links open, plain HTML forms that work without JavaScript. A GET only
 * shows a form or a button, since mail scanners follow links; the POST acts, reading its form as
 * the API reads the same request ({@link MailBodies}).
 */
@Controller
class LinkPagesController {

    private final PasswordResetService resets;
    private final EmailVerificationService verifications;

    LinkPagesController(PasswordResetService resets, EmailVerificationService verifications) {
        this.resets = resets;
        this.verifications = verifications;
    }

    @GetMapping("/reset-password")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        if (!resets.isUsable(token)) {
            return "pages/link-invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("errors", List.of());
        return "pages/reset-password";
    }

    @PostMapping("/reset-password")
    String reset(
            RequestFields form,
            @RequestParam(required = false) String token,
            @RequestParam(name = "new_password", required = false) String newPassword,
            @RequestParam(name = "new_password_again", required = false) String again,
            Model model,
            HttpServletResponse response) {
        if (newPassword != null && !newPassword.equals(again)) {
            return resetFormWithErrors(token, List.of("The two passwords didn't match."), model);
        }
        try {
            resets.confirm(MailBodies.resetConfirmation(form));
        } catch (Refusal refused) {
            if (refused.fieldErrors().containsKey("token")) {
                return "pages/link-invalid";
            }
            if (!refused.fieldErrors().containsKey("new_password")) {
                // Not the password's fault (the server is busy, say): say so, with the real status.
                response.setStatus(RefusalStatus.of(refused).value());
                return resetFormWithErrors(token, List.of(refused.error()), model);
            }
            return resetFormWithErrors(token, refused.fieldErrors().get("new_password"), model);
        }
        return "pages/reset-password-done";
    }

    @GetMapping("/verify-email")
    String verifyButton(@RequestParam(required = false) String token, Model model) {
        if (!verifications.isUsable(token)) {
            return "pages/link-invalid";
        }
        model.addAttribute("token", token);
        return "pages/verify-email";
    }

    @PostMapping("/verify-email")
    String verify(RequestFields form) {
        try {
            verifications.confirm(MailBodies.verificationConfirmation(form));
        } catch (Refusal refused) {
            return "pages/link-invalid";
        }
        return "pages/verify-email-done";
    }

    private static String resetFormWithErrors(String token, List<String> errors, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        return "pages/reset-password";
    }
}
