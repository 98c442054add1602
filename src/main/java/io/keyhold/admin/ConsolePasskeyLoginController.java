package io.keyhold.admin;

import io.keyhold.auth.LoginService;
import io.keyhold.auth.NotAdmitted;
import io.keyhold.mfa.LoginExpired;
import io.keyhold.mfa.PendingLogins;
import io.keyhold.mfa.PendingLogins.PendingLogin;
import io.keyhold.mfa.SecondFactors;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.Refusal;
import io.keyhold.requests.RequestFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's passkey logins, run by its one script ({@code /assets/passkeys.js}): a passkey alone
 * on the login page, or a passkey as the second factor of a login whose password was right. The
 * script fetches the options here and submits the browser's answer as an ordinary form, so a login
 * ends with a console cookie exactly as a password login does, through the API's {@link LoginService}.
 */
@Controller
class ConsolePasskeyLoginController {

    private final LoginService logins;
    private final SecondFactors factors;
    private final PendingLogins pendingLogins;
    private final ConsoleSignIn signIn;

    ConsolePasskeyLoginController(
            LoginService logins, SecondFactors factors, PendingLogins pendingLogins, ConsoleSignIn signIn) {
        this.logins = logins;
        this.factors = factors;
        this.pendingLogins = pendingLogins;
        this.signIn = signIn;
    }

    /** A challenge that any passkey of this relying party may answer, with user verification. */
    @PostMapping(path = "/admin/login/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Object> passwordlessOptions(ClientInfo client) {
        return ConsoleJson.answer(() -> ConsoleJson.CeremonyJson.of(logins.passkeyOptions(client)));
    }

    @PostMapping("/admin/login/passkey")
    String passwordless(
            RequestFields form,
            @RequestParam(required = false) String next,
            ClientInfo client,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            var errors = new FieldErrors();
            String flowId = form.requiredNonEmptyText("flow_id", errors);
            String credential = form.requiredJsonObject("credential", errors);
            errors.throwIfAny();
            return signIn.enter(
                    logins.loginWithPasskey(flowId, credential, client, signIn.channel()), next, request, response);
        } catch (Refusal refused) {
            if (refused instanceof NotAdmitted) {
                return ConsoleSignIn.staffOnly(response, model);
            }
            ConsoleErrorHandler.answerWith(refused, response);
            return ConsoleSignIn.loginPage(refused.error(), next, model);
        }
    }

    /**
     * The challenge for the passkeys of a login waiting for its second factor; the script sends the
     * answer to {@code /admin/login/mfa} as its {@code credential}.
     */
    @PostMapping(path = "/admin/login/mfa/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Object> secondFactorOptions(@RequestParam(name = "mfa_token", required = false) String mfaToken) {
        return ConsoleJson.answer(() -> {
            PendingLogin pending = pendingLogins.live(mfaToken).orElseThrow(LoginExpired::new);
            return ConsoleJson.CeremonyJson.optionsOnly(
                    factors.loginPasskeyOptions(pending.userId(), pending.flowKey()));
        });
    }
}
