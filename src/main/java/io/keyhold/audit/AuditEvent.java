package io.keyhold.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One audit event as {@code GET /api/audit/} and the console show it. */
@JsonPropertyOrder({"id", "at", "type", "user_id", "actor_id", "ip", "user_agent", "detail"})
public record AuditEvent(
        long id,
        String at,
        String type,
        @JsonProperty("user_id") Long userId,
        @JsonProperty("actor_id") Long actorId,
        String ip,
        @JsonProperty("user_agent") String userAgent,
        String detail) {}
