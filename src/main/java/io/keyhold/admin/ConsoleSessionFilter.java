package io.keyhold.admin;

import io.keyhold.auth.CallerAuthentication;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the console cookie into the request's {@link Caller}. A cookie whose session has ended or
 * expired, or whose user is no longer active staff, is cleared and the request goes on
 * anonymously, so the login page is shown again.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    private final SessionService sessions;
    private final ConsoleCookie cookie;

    ConsoleSessionFilter(SessionService sessions, ConsoleCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
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
        CallerAuthentication.continueAs(caller.get(), chain, request, response);
    }
}
