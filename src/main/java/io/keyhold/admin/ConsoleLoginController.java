package io.keyhold.admin;

import io.keyhold.auth.Credentials;
import io.keyhold.auth.LoginService;
import io.keyhold.auth.NotAdmitted;
import io.keyhold.mfa.LoginExpired;
import io.keyhold.mfa.PendingLogins;
import io.keyhold.mfa.SecondFactorProof;
import io.keyhold.mfa.SecondFactors;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.Refusal;
import io.keyhold.requests.RequestFields;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/login} and {@code /admin/logout}. Logging in goes through the API's {@link
 * LoginService}, with its throttle, lockout and audit events; only staff are admitted, and they
 * get a console session instead of an API token.
 */
@Controller
class ConsoleLoginController {

    private static final String HOME = "/admin/";
    /** Refusals that are the form's fault and are shown on it, the way Django's admin shows them. */
    private static final Set<Refusal.Kind> FORM_PROBLEMS = Set.of(Refusal.Kind.INVALID, Refusal.Kind.UNAUTHENTICATED);

    private final LoginService logins;
    private final SessionService sessions;
    private final SecondFactors factors;
    private final PendingLogins pendingLogins;
    private final ConsoleSignIn signIn;
    private final CsrfTokenRepository csrfTokens;
    private final ConsoleCookie consoleCookie;

    ConsoleLoginController(
            LoginService logins,
            SessionService sessions,
            SecondFactors factors,
            PendingLogins pendingLogins,
            ConsoleSignIn signIn,
            CsrfTokenRepository csrfTokens,
            ConsoleCookie consoleCookie) {
        this.logins = logins;
        this.sessions = sessions;
        this.factors = factors;
        this.pendingLogins = pendingLogins;
        this.signIn = signIn;
        this.csrfTokens = csrfTokens;
        this.consoleCookie = consoleCookie;
    }

    /** Where an anonymous request is sent: the login page, which brings a GET back afterwards. */
    static String loginPath(HttpServletRequest request) {
        if (!HttpMethod.GET.matches(request.getMethod())) {
            return "/admin/login";
        }
        String target =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return "/admin/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    @GetMapping("/admin/login")
    String form(Caller caller, @RequestParam(required = false) String next, Model model) {
        if (caller.isStaff()) {
            return "redirect:" + safeNext(next);
        }
        model.addAttribute("email", "");
        model.addAttribute("next", safeNext(next));
        return "admin/login";
    }

    /**
     * The form is read as the API reads a login body, so both refuse the same input alike; the
     * address as typed refills the form after a refusal.
     */
    @PostMapping("/admin/login")
    String login(
            RequestFields form,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String next,
            ClientInfo client,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            var errors = new FieldErrors();
            Credentials credentials = logins.credentials(
                    form.requiredText("email", errors), form.requiredText("password", errors), errors);
            return logins.login(credentials, client, signIn.channel())
                    .fold(
                            loggedIn -> signIn.enter(loggedIn, next, request, response),
                            secondFactor -> secondFactorPage(
                                    secondFactor.mfaToken(), secondFactor.methods(), next, null, model));
        } catch (Refusal refused) {
            if (refused instanceof NotAdmitted) {
                return ConsoleSignIn.staffOnly(response, model);
            }
            if (!FORM_PROBLEMS.contains(refused.kind())) {
                ConsoleErrorHandler.answerWith(refused, response);
            }
            model.addAttribute("email", email == null ? "" : email);
            model.addAttribute("next", safeNext(next));
            model.addAttribute("error", refused.error());
            model.addAttribute("fieldErrors", refused.fieldErrors());
            return "admin/login";
        }
    }

    /**
     * The second page of a login by a staff member with a second factor: a TOTP or recovery code, or
     * a passkey's answer that the console's script put in {@code credential}, checked by the API's own
     * step with its tries, lockout and audit events. A wrong code shows the page again while the
     * {@code mfa_token} has tries left; an expired one goes back to the password.
     */
    @PostMapping("/admin/login/mfa")
    String secondFactor(
            RequestFields form,
            @RequestParam(required = false) String next,
            ClientInfo client,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var errors = new FieldErrors();
        String mfaToken = form.requiredNonEmptyText("mfa_token", errors);
        String code = form.text("code", errors);
        String recoveryCode = form.text("recovery_code", errors);
        String credential = form.contains("credential") ? form.requiredJsonObject("credential", errors) : null;
        try {
            SecondFactorProof proof = SecondFactorProof.of(code, recoveryCode, credential, errors);
            return signIn.enter(
                    logins.completeSecondFactor(mfaToken, proof, client, signIn.channel()), next, request, response);
        } catch (Refusal refused) {
            if (refused instanceof NotAdmitted) {
                return ConsoleSignIn.staffOnly(response, model);
            }
            Optional<List<String>> methods = methodsLeft(mfaToken);
            if (methods.isPresent() && FORM_PROBLEMS.contains(refused.kind())) {
                return secondFactorPage(mfaToken, methods.get(), next, refused.error(), model);
            }
            ConsoleErrorHandler.answerWith(refused, response);
            // A wrong code that used up the last try ends the login as surely as the clock does.
            String error = FORM_PROBLEMS.contains(refused.kind()) ? LoginExpired.MESSAGE : refused.error();
            return ConsoleSignIn.loginPage(error, next, model);
        }
    }

    /** The ways a login waiting for its second factor may still finish; empty once it has expired or run out of tries. */
    private Optional<List<String>> methodsLeft(String mfaToken) {
        return pendingLogins.live(mfaToken).map(pending -> factors.methods(pending.userId()));
    }

    private String secondFactorPage(String mfaToken, List<String> methods, String next, String error, Model model) {
        model.addAttribute("mfaToken", mfaToken);
        model.addAttribute("methods", methods);
        model.addAttribute("next", safeNext(next));
        model.addAttribute("error", error);
        return "admin/login-mfa";
    }

    @PostMapping("/admin/logout")
    String logout(Caller caller, HttpServletRequest request, HttpServletResponse response) {
        sessions.logout(caller);
        consoleCookie.clear(request, response);
        csrfTokens.saveToken(null, request, response);
        return "redirect:/admin/login?logged_out";
    }

    /**
     * Only a plain path inside the console: anything else could send a fresh login to another
     * site, or break the redirect. Printable ASCII only (no {@code {}} template braces, no
     * backslashes), no authority, no {@code ..}.
     */
    static String safeNext(String next) {
        if (next == null || !next.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            return HOME;
        }
        try {
            URI target = new URI(next);
            String path = target.getRawPath();
            boolean inConsole = path != null && (path.equals("/admin") || path.startsWith("/admin/"));
            if (target.isAbsolute()
                    || target.getRawAuthority() != null
                    || !inConsole
                    || path.contains("..")
                    || path.startsWith("/admin/login")) {
                return HOME;
            }
            return next;
        } catch (URISyntaxException unreadable) {
            return HOME;
        }
    }
}
