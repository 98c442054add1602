package io.keyhold.sessions;

import io.keyhold.problems.NotFound;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A user's own live sessions: see where they are logged in, and end any of them. */
@RestController
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/users/me/sessions")
    List<SessionJson> list(Caller caller) {
        return sessions.liveSessionsOf(caller).stream()
                .map(session -> SessionJson.of(session, sessions.idleTimeout(), caller.sessionId()))
                .toList();
    }

    @DeleteMapping("/api/users/me/sessions/{sessionId}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable String sessionId) {
        sessions.revoke(caller, UserIds.parse(sessionId, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }
}
