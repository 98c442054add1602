package io.keyhold.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.time.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/** A live session as its owner sees it in {@code me/sessions}: never the token or its hash. */
@JsonPropertyOrder({"id", "created_at", "last_used_at", "expires_at", "ip", "user_agent", "current"})
@Schema(description = "A live session of the caller; never its token.")
record SessionJson(
        @Schema(
                description = "Pass it to `DELETE /api/users/me/sessions/{sessionId}/` to end the session.",
                example = "7")
        long id,

        @Schema(
                description = "The login that opened it." + Timestamps.DOC,
                format = "date-time",
                example = Timestamps.EXAMPLE)
        @JsonProperty("created_at")
        String createdAt,

        @Schema(
                description = "Last use, recorded at most once a minute." + Timestamps.DOC,
                format = "date-time",
                nullable = true,
                example = Timestamps.EXAMPLE)
        @JsonProperty("last_used_at")
        String lastUsedAt,

        @Schema(
                description = "When it ends if not used again." + Timestamps.DOC,
                format = "date-time",
                example = Timestamps.EXAMPLE)
        @JsonProperty("expires_at")
        String expiresAt,

        @Schema(description = "Client address at login.", nullable = true, example = "203.0.113.9")
        String ip,

        @Schema(description = "User agent at login.", nullable = true, example = "curl/8.5.0")
        @JsonProperty("user_agent")
        String userAgent,

        @Schema(description = "True for the session that made this request.")
        boolean current) {

    static SessionJson of(Session session, Duration idleTimeout, Long currentSessionId) {
        return new SessionJson(
                session.id(),
                Timestamps.format(session.createdAt()),
                Timestamps.format(session.lastUsedAt()),
                Timestamps.format(session.expiresAt(idleTimeout)),
                session.ip(),
                session.userAgent(),
                currentSessionId != null && session.id() == currentSessionId);
    }
}
