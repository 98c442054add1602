package io.keyhold.clients;

import io.keyhold.problems.FieldErrors;
import io.keyhold.sessions.SessionService;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * RFC 7662 introspection: an authenticated application asks whether a token is live and whose it
 * is. It reads what authenticating the token as a bearer would, and nothing more: the session and
 * its user by the token's hash, touching {@code last_used_at} at most once a minute.
 */
@Service
class TokenIntrospection {

    private final ApiClients clients;
    private final SessionService sessions;

    TokenIntrospection(ApiClients clients, SessionService sessions) {
        this.clients = clients;
        this.sessions = sessions;
    }

    /**
     * The live session a token names, or empty when it names none (unknown, ended, expired, or of a
     * deactivated user). The application is checked first: a bad one learns nothing of the token.
     */
    Optional<SessionService.LiveSession> introspect(ClientCredentials client, String token) {
        clients.authenticate(client);
        if (token == null || token.isEmpty()) {
            var errors = new FieldErrors();
            errors.add("token", FieldErrors.REQUIRED);
            errors.throwIfAny();
        }
        return sessions.inspect(token);
    }
}
