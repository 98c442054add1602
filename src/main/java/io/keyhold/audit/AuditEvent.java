package io.keyhold.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.time.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;

/** One audit event as {@code GET /api/audit/} and the console show it. */
@JsonPropertyOrder({"id", "at", "type", "user_id", "actor_id", "ip", "user_agent", "detail"})
@Schema(description = "One audit event; never a password or token.")
public record AuditEvent(
        @Schema(description = "Increases with time.", example = "1002")
        long id,

        @Schema(description = "When it happened." + Timestamps.DOC, format = "date-time", example = Timestamps.EXAMPLE)
        String at,

        @Schema(description = "One of the event types of the `type` filter.", example = "login_succeeded")
        String type,

        @Schema(
                description = "The user it concerns, or null when unknown (a login for no account).",
                nullable = true,
                example = "42")
        @JsonProperty("user_id")
        Long userId,

        @Schema(description = "The user who acted, or null when anonymous.", nullable = true, example = "42")
        @JsonProperty("actor_id")
        Long actorId,

        @Schema(description = "Client address.", nullable = true, example = "203.0.113.9")
        String ip,

        @Schema(description = "Client user agent.", nullable = true, example = "curl/8.5.0") @JsonProperty("user_agent")
        String userAgent,

        @Schema(description = "Names of changed fields, or a reason; never a value.", nullable = true)
        String detail) {}
