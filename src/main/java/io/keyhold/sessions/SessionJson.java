package io.keyhold.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.time.Timestamps;
import java.time.Duration;

/** A live session as its owner sees it in {@code me/sessions}: never the token or its hash. */
@JsonPropertyOrder({"id", "created_at", "last_used_at", "expires_at", "ip", "user_agent", "current"})
record SessionJson(
        long id,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("expires_at") String expiresAt,
        String ip,
        @JsonProperty("user_agent") String userAgent,
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
