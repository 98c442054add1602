package io.keyhold.auth;

import io.keyhold.problems.NotAuthenticated;
import io.keyhold.problems.ProblemWriter;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} (or DRF's {@code Token <token>}). A request without
 * the header goes on anonymously; a token that names no live session is a 401 at once, on every
 * endpoint, as in DRF.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final SessionService sessions;
    private final ProblemWriter problemWriter;

    BearerTokenFilter(SessionService sessions, ProblemWriter problemWriter) {
        this.sessions = sessions;
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = sessions.authenticate(token.get());
        if (caller.isEmpty()) {
            problemWriter.write(response, NotAuthenticated.invalidToken());
            return;
        }
        CallerAuthentication.continueAs(caller.get(), chain, request, response);
    }

    /** The token of a Bearer or Token header; other schemes are not ours and are ignored. */
    static Optional<String> tokenOf(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        for (String scheme : new String[] {"Bearer", "Token"}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())
                    && value.length() > scheme.length()
                    && value.charAt(scheme.length()) == ' ') {
                return Optional.of(value.substring(scheme.length() + 1).strip());
            }
        }
        return Optional.empty();
    }
}
