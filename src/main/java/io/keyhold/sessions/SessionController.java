package io.keyhold.sessions;

import io.keyhold.problems.NotFound;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A user's own live sessions: see where they are logged in, and end any of them. */
@RestController
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class SessionController {

    private static final String TAG = "Login and sessions";

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/users/me/sessions")
    @Operation(
            operationId = "listSessions",
            summary = "List the caller's live sessions",
            tags = TAG,
            description = "A JSON array, not paginated.")
    @ApiResponse(responseCode = "200", description = "The caller's live sessions.")
    List<SessionJson> list(Caller caller) {
        return sessions.liveSessionsOf(caller).stream()
                .map(session -> SessionJson.of(session, sessions.idleTimeout(), caller.sessionId()))
                .toList();
    }

    @DeleteMapping("/api/users/me/sessions/{sessionId}")
    @Operation(operationId = "revokeSession", summary = "End one of the caller's sessions", tags = TAG)
    @ApiResponse(responseCode = "204", description = "The session has ended.")
    @ApiResponse(
            responseCode = "404",
            description = "No live session of the caller has this id.",
            content = @Content(examples = @ExampleObject(name = NotFound.DEFAULT_MESSAGE)))
    ResponseEntity<Void> revoke(
            Caller caller,
            @Parameter(
                            description = "The session's id, from `GET /api/users/me/sessions/`.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "7")
                    @PathVariable
                    String sessionId) {
        sessions.revoke(caller, UserIds.parse(sessionId, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }
}
