package io.keyhold.admin;

import io.keyhold.mfa.SecondFactors;
import io.keyhold.mfa.SecondFactors.AddedPasskey;
import io.keyhold.mfa.SecondFactors.TotpEnrolment;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.Refusal;
import io.keyhold.requests.RequestFields;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import io.keyhold.users.UserPermissions;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /admin/account/mfa}: the signed-in staff member's own second factors, through the API's
 * {@link SecondFactors} with its password checks, audit events and ending of their other sessions.
 * Recovery codes are shown once, on the page that answers the POST that made them, never after a
 * redirect. Staff who must set up a second factor are sent here from every other page.
 */
@Controller
@RequestMapping(ConsoleAccountController.PAGE)
class ConsoleAccountController {

    static final String PAGE = "/admin/account/mfa";
    private static final String TOTP_PAGE = "admin/account-totp";
    /** What a finished action says on the page it returns to; the query names one of these. */
    private static final Map<String, String> NOTICES = Map.of(
            "totp-off", "The authenticator app is off, and your other sessions were ended.",
            "passkey-added", "The passkey was added, and your other sessions were ended.",
            "passkey-removed", "The passkey was removed, and your other sessions were ended.");

    private final SecondFactors factors;
    private final UserPermissions permissions;

    ConsoleAccountController(SecondFactors factors, UserPermissions permissions) {
        this.factors = factors;
        this.permissions = permissions;
    }

    @GetMapping
    String overview(Caller caller, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("notice", done == null ? null : NOTICES.get(done));
        return overviewPage(caller, model);
    }

    /** A new secret, as a QR code and as text, and the field for the first code made from it. */
    @PostMapping("/totp")
    String beginTotp(
            Caller caller,
            @RequestParam(name = "current_password", required = false) String password,
            HttpServletResponse response,
            Model model) {
        try {
            TotpEnrolment enrolment = factors.beginTotp(caller, password);
            // The server's own SVG as an image: it can carry no script, and the page needs no inline markup.
            model.addAttribute(
                    "qrCode",
                    "data:image/svg+xml;base64,"
                            + Base64.getEncoder()
                                    .encodeToString(enrolment.qrSvg().getBytes(StandardCharsets.UTF_8)));
            model.addAttribute("secret", enrolment.secret());
            return TOTP_PAGE;
        } catch (Refusal refused) {
            return refused(caller, "totp", refused, response, model);
        }
    }

    /**
     * TOTP on, and its recovery codes. A wrong code asks again for a code from the app, which has the
     * secret by now; the secret is not shown a second time.
     */
    @PostMapping("/totp/confirm")
    String confirmTotp(
            Caller caller, @RequestParam(required = false) String code, HttpServletResponse response, Model model) {
        try {
            return recoveryCodesPage(
                    factors.confirmTotp(caller, withoutSpaces(code)), "The authenticator app is on.", model);
        } catch (Refusal refused) {
            if (refused.kind() != Refusal.Kind.INVALID) {
                return refused(caller, "totp", refused, response, model);
            }
            ConsoleErrorHandler.answerWith(refused, response);
            model.addAttribute("error", ConsoleJson.sentenceOf(refused));
            return TOTP_PAGE;
        }
    }

    @PostMapping("/totp/disable")
    String disableTotp(
            Caller caller,
            @RequestParam(name = "current_password", required = false) String password,
            @RequestParam(required = false) String code,
            HttpServletResponse response,
            Model model) {
        try {
            factors.disableTotp(caller, password, withoutSpaces(code));
        } catch (Refusal refused) {
            return refused(caller, "totp-off", refused, response, model);
        }
        return "redirect:" + PAGE + "?done=totp-off";
    }

    @PostMapping("/recovery-codes")
    String regenerateRecoveryCodes(
            Caller caller,
            @RequestParam(name = "current_password", required = false) String password,
            HttpServletResponse response,
            Model model) {
        try {
            return recoveryCodesPage(
                    factors.regenerateRecoveryCodes(caller, password),
                    "New recovery codes: the old ones no longer work.",
                    model);
        } catch (Refusal refused) {
            return refused(caller, "codes", refused, response, model);
        }
    }

    /** The options for the browser's {@code navigator.credentials.create()}, after the password. */
    @PostMapping(path = "/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Object> passkeyOptions(
            Caller caller, @RequestParam(name = "current_password", required = false) String password) {
        return ConsoleJson.answer(() -> ConsoleJson.CeremonyJson.of(factors.passkeyOptions(caller, password)));
    }

    /** The browser's new credential, as the console's script submits it; the first factor brings recovery codes. */
    @PostMapping("/passkeys")
    String addPasskey(Caller caller, RequestFields form, HttpServletResponse response, Model model) {
        try {
            var errors = new FieldErrors();
            String flowId = form.requiredNonEmptyText("flow_id", errors);
            String credential = form.requiredJsonObject("credential", errors);
            String name = form.requiredText("name", errors);
            errors.throwIfAny();
            AddedPasskey added = factors.addPasskey(caller, flowId, credential, name);
            if (added.recoveryCodes().isEmpty()) {
                return "redirect:" + PAGE + "?done=passkey-added";
            }
            return recoveryCodesPage(added.recoveryCodes(), "The passkey was added.", model);
        } catch (Refusal refused) {
            return refused(caller, "passkey", refused, response, model);
        }
    }

    @PostMapping("/passkeys/{id}/remove")
    String removePasskey(
            Caller caller,
            @PathVariable String id,
            @RequestParam(name = "current_password", required = false) String password,
            HttpServletResponse response,
            Model model) {
        try {
            factors.removePasskey(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), password);
        } catch (Refusal refused) {
            return refused(caller, "remove-" + id, refused, response, model);
        }
        return "redirect:" + PAGE + "?done=passkey-removed";
    }

    private String recoveryCodesPage(List<String> codes, String notice, Model model) {
        model.addAttribute("codes", codes);
        model.addAttribute("notice", notice);
        return "admin/account-codes";
    }

    /** The overview again, with the refusal's status and sentence, and the form it came from marked. */
    private String refused(Caller caller, String form, Refusal refused, HttpServletResponse response, Model model) {
        ConsoleErrorHandler.answerWith(refused, response);
        model.addAttribute("error", ConsoleJson.sentenceOf(refused));
        model.addAttribute("failed", form);
        return overviewPage(caller, model);
    }

    private String overviewPage(Caller caller, Model model) {
        model.addAttribute("factors", FactorsView.of(factors.list(caller.user())));
        model.addAttribute("mustEnrol", permissions.needsSecondFactor(caller));
        return "admin/account-mfa";
    }

    /** A code as people copy it from an app, "123 456", in the form the check expects. */
    private static String withoutSpaces(String code) {
        return code == null ? null : code.replaceAll("\\s", "");
    }
}
