package io.keyhold.mfa;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code webauthn_challenges} table: WebAuthn ceremonies in flight, kept in the database so that
 * any node can finish a flow another began. A challenge is single-use: whoever deletes its row has
 * it, so two nodes cannot both accept one answer.
 */
@Component
class WebAuthnChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final Pattern FLOW_ID = Pattern.compile("[0-9a-f]{64}");

    /** What a ceremony is for; a challenge answers only the purpose it was made for. */
    enum Purpose {
        REGISTER("register"),
        SECOND_FACTOR("second_factor"),
        PASSWORDLESS("passwordless");

        final String code;

        Purpose(String code) {
            this.code = code;
        }
    }

    private record Row(String challenge, String purpose, Long userId, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    WebAuthnChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static boolean wellFormedFlowId(String flowId) {
        return flowId != null && FLOW_ID.matcher(flowId).matches();
    }

    /**
     * Starts a ceremony under the flow id, replacing any earlier challenge of that flow, and answers
     * the new challenge: 32 random bytes as unpadded base64url.
     */
    String begin(String flowId, Purpose purpose, Long userId) {
        if (!wellFormedFlowId(flowId)) {
            throw new IllegalArgumentException("A flow id is 64 lowercase hex digits");
        }
        String challenge = SecretTokens.newToken();
        Instant expiresAt = Timestamps.now(clock).plus(LIFETIME);
        if (replace(flowId, challenge, purpose, userId, expiresAt)) {
            return challenge;
        }
        try {
            jdbc.sql("""
                    INSERT INTO webauthn_challenges (flow_id, challenge, purpose, user_id, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """)
                    .params(flowId, challenge, purpose.code, userId, toSql(expiresAt))
                    .update();
        } catch (DuplicateKeyException sameFlowMeanwhile) {
            // Another request of the same flow inserted first: the later challenge wins, as above.
            replace(flowId, challenge, purpose, userId, expiresAt);
        }
        return challenge;
    }

    private boolean replace(String flowId, String challenge, Purpose purpose, Long userId, Instant expiresAt) {
        return jdbc.sql("""
                        UPDATE webauthn_challenges SET challenge = ?, purpose = ?, user_id = ?, expires_at = ?
                        WHERE flow_id = ?
                        """)
                        .params(challenge, purpose.code, userId, toSql(expiresAt), flowId)
                        .update()
                > 0;
    }

    /**
     * Uses up the flow's challenge and answers it if it was live and made for this purpose and user
     * (null for a ceremony that names no user). The row is gone afterwards whatever the answer: a
     * flow is tried once.
     */
    Optional<String> consume(String flowId, Purpose purpose, Long userId) {
        if (!wellFormedFlowId(flowId)) {
            return Optional.empty();
        }
        Optional<Row> found = jdbc.sql(
                        "SELECT challenge, purpose, user_id, expires_at FROM webauthn_challenges WHERE flow_id = ?")
                .param(flowId)
                .query((row, number) -> new Row(
                        row.getString("challenge"),
                        row.getString("purpose"),
                        row.getObject("user_id", Long.class),
                        fromSql(row, "expires_at")))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        // The challenge in the condition makes this delete the row read above and not a replacement.
        boolean ours = jdbc.sql("DELETE FROM webauthn_challenges WHERE flow_id = ? AND challenge = ?")
                        .params(flowId, row.challenge())
                        .update()
                > 0;
        boolean fits = row.purpose().equals(purpose.code)
                && Objects.equals(row.userId(), userId)
                && row.expiresAt().isAfter(Timestamps.now(clock));
        return ours && fits ? Optional.of(row.challenge()) : Optional.empty();
    }

    /** Expired challenges are already refused; this only keeps the table small. */
    @Scheduled(fixedDelayString = "${keyhold.webauthn.prune-interval:PT1H}", initialDelayString = "PT1M")
    void pruneExpired() {
        jdbc.sql("DELETE FROM webauthn_challenges WHERE expires_at <= ?")
                .param(toSql(Timestamps.now(clock)))
                .update();
    }
}
