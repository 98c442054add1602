package io.keyhold.admin;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.keyhold.auth.CallerAuthentication;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import io.keyhold.users.UserPermissions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the console cookie into the request's {@link Caller}. A cookie whose session has ended or
 * expired, or whose user is no longer active staff, is cleared and the request goes on
 * anonymously, so the login page is shown again. Staff who must set up a second factor first
 * ({@code keyhold.mfa.required-for-staff}) are sent to do so from every page but that one, the
 * logins and logging out.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    private static final RequestMatcher OPEN_BEFORE_ENROLMENT = new OrRequestMatcher(
            pathPattern(ConsoleAccountController.PAGE + "/**"),
            pathPattern("/admin/login/**"),
            pathPattern("/admin/logout"));

    private final SessionService sessions;
    private final ConsoleCookie cookie;
    private final UserPermissions permissions;

    ConsoleSessionFilter(SessionService sessions, ConsoleCookie cookie, UserPermissions permissions) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.permissions = permissions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = ConsoleCookie.read(request);
        Optional<Caller> caller = token.flatMap(sessions::authenticateConsole).filter(Caller::isStaff);
        if (caller.isEmpty()) {
            if (token.isPresent()) {
                cookie.clear(request, response);
            }
            chain.doFilter(request, response);
            return;
        }
        if (permissions.needsSecondFactor(caller.get()) && !OPEN_BEFORE_ENROLMENT.matches(request)) {
            response.sendRedirect(ConsoleAccountController.PAGE);
            return;
        }
        CallerAuthentication.continueAs(caller.get(), chain, request, response);
    }
}
