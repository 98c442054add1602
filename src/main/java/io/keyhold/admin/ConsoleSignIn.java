package io.keyhold.admin;

import io.keyhold.auth.LoginChannel;
import io.keyhold.auth.LoginResult.LoggedIn;
import io.keyhold.auth.NotAdmitted;
import io.keyhold.network.ClientInfo;
import io.keyhold.sessions.SessionService;
import io.keyhold.sessions.SessionService.IssuedSession;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every way into the console shares, by password, second factor or passkey: the channel that
 * opens console sessions for active staff only, the cookie and fresh CSRF token of a login, and the
 * pages a refused login shows.
 */
@Component
class ConsoleSignIn {

    static final String STAFF_ONLY = "The admin console is for staff only.";

    private final LoginChannel<IssuedSession> channel;
    private final CsrfTokenRepository csrfTokens;
    private final ConsoleCookie consoleCookie;

    ConsoleSignIn(SessionService sessions, CsrfTokenRepository csrfTokens, ConsoleCookie consoleCookie) {
        this.channel = new ConsoleChannel(sessions);
        this.csrfTokens = csrfTokens;
        this.consoleCookie = consoleCookie;
    }

    /** The console opens a cookie session, for active staff only. */
    private record ConsoleChannel(SessionService sessions) implements LoginChannel<IssuedSession> {

        @Override
        public Optional<IssuedSession> open(User current, ClientInfo client) {
            // Asked again on the locked row: whoever was demoted while typing a code or touching a
            // passkey must not get in.
            admit(current);
            return Optional.of(sessions.startConsole(current, client));
        }

        @Override
        public void admit(User user) {
            if (!new Caller(user, null).isStaff()) {
                throw new NotAdmitted(STAFF_ONLY);
            }
        }

        @Override
        public String auditDetail() {
            return "admin console";
        }
    }

    LoginChannel<IssuedSession> channel() {
        return channel;
    }

    /** Sets the new session's cookie and sends the browser on into the console. */
    String enter(
            LoggedIn<IssuedSession> loggedIn, String next, HttpServletRequest request, HttpServletResponse response) {
        consoleCookie.write(request, response, loggedIn.session().token());
        // A token that was known before the login must not outlive it.
        csrfTokens.saveToken(null, request, response);
        return "redirect:" + ConsoleLoginController.safeNext(next);
    }

    /** The login form again, empty, with why the last try failed. */
    static String loginPage(String error, String next, Model model) {
        model.addAttribute("email", "");
        model.addAttribute("next", ConsoleLoginController.safeNext(next));
        model.addAttribute("error", error);
        return "admin/login";
    }

    static String staffOnly(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("title", "Staff only");
        model.addAttribute(
                "message", STAFF_ONLY + " Your account can still sign in to the applications that use Keyhold.");
        return ConsolePages.REFUSAL;
    }
}
