package io.keyhold.webhooks;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox, {@code webhook_deliveries}, and the log of what each attempt got, {@code webhook_attempts}. */
@Repository
class DeliveryRepository {

    private static final RowMapper<Delivery> DELIVERIES = (row, number) -> new Delivery(
            row.getLong("id"),
            row.getLong("endpoint_id"),
            row.getString("event_id"),
            row.getString("event_type"),
            row.getString("payload"),
            fromSql(row, "created_at"),
            row.getInt("attempts"),
            fromSql(row, "next_attempt_at"));

    private static final RowMapper<DeliveryAttempt> ATTEMPTS = (row, number) -> new DeliveryAttempt(
            row.getString("event_id"),
            row.getString("event_type"),
            row.getInt("attempt"),
            row.getObject("status_code", Integer.class),
            row.getString("error"),
            fromSql(row, "at"),
            fromSql(row, "next_attempt_at"));

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An event on its way to one endpoint, as claimed: {@code attempts} made so far, and {@code
     * lease}, the next_attempt_at the claim set, which fences what this claim may write back.
     */
    record Delivery(
            long id,
            long endpointId,
            String eventId,
            String eventType,
            String payload,
            Instant createdAt,
            int attempts,
            Instant lease) {}

    void enqueue(long endpointId, String eventId, String eventType, String payload, Instant createdAt) {
        jdbc.sql("INSERT INTO webhook_deliveries "
                        + "(endpoint_id, event_id, event_type, payload, created_at, attempts, next_attempt_at) "
                        + "VALUES (?, ?, ?, ?, ?, 0, ?)")
                .params(endpointId, eventId, eventType, payload, toSql(createdAt), toSql(createdAt))
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries, each the oldest of its endpoint, and leases them
     * until {@code leaseUntil}; rows another node is claiming at this moment are skipped, not
     * waited for. Runs in the caller's (short) transaction.
     */
    List<Delivery> claim(int limit, Instant now, Instant leaseUntil) {
        List<Delivery> due = jdbc.sql("""
                SELECT d.id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.created_at, d.attempts,
                       d.next_attempt_at
                FROM webhook_deliveries d
                WHERE d.next_attempt_at <= ?
                  AND d.created_at > ?
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                                  WHERE earlier.endpoint_id = d.endpoint_id AND earlier.id < d.id)
                ORDER BY d.next_attempt_at, d.id
                LIMIT ?
                FOR UPDATE SKIP LOCKED
                """)
                .params(toSql(now), toSql(now.minus(RetrySchedule.GIVE_UP_AFTER)), limit)
                .query(DELIVERIES)
                .list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id IN (:ids)")
                    .param("lease", toSql(leaseUntil))
                    .param("ids", due.stream().map(Delivery::id).toList())
                    .update();
        }
        return due.stream()
                .map(delivery -> new Delivery(
                        delivery.id(),
                        delivery.endpointId(),
                        delivery.eventId(),
                        delivery.eventType(),
                        delivery.payload(),
                        delivery.createdAt(),
                        delivery.attempts(),
                        leaseUntil))
                .toList();
    }

    /**
     * Claims up to {@code limit} deliveries whose 24 hours ran out before they could be sent (they
     * waited behind an endpoint's earlier events), for giving up without an attempt. Only the
     * expired start of each endpoint's queue, oldest first: a row behind one still in its 24 hours,
     * or leased by a node attempting it, waits its turn. Runs in the caller's transaction, which
     * records and deletes them.
     */
    List<Delivery> claimExpired(int limit, Instant now) {
        return jdbc.sql("""
                SELECT d.id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.created_at, d.attempts,
                       d.next_attempt_at
                FROM webhook_deliveries d
                WHERE d.created_at <= :expired AND d.next_attempt_at <= :now
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                                  WHERE earlier.endpoint_id = d.endpoint_id AND earlier.id < d.id
                                    AND (earlier.created_at > :expired OR earlier.next_attempt_at > :now))
                ORDER BY d.endpoint_id, d.id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("expired", toSql(now.minus(RetrySchedule.GIVE_UP_AFTER)))
                .param("now", toSql(now))
                .param("limit", limit)
                .query(DELIVERIES)
                .list();
    }

    /** Removes a delivered or given-up row, if the claim still holds it; false if its lease was lost. */
    boolean delete(Delivery delivery) {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE id = ? AND next_attempt_at = ?")
                        .params(delivery.id(), toSql(delivery.lease()))
                        .update()
                > 0;
    }

    /** Removes a row claimed by {@link #claimExpired}, which this transaction has locked. */
    void deleteClaimed(Delivery delivery) {
        jdbc.sql("DELETE FROM webhook_deliveries WHERE id = ?")
                .param(delivery.id())
                .update();
    }

    /** Counts a failed attempt and sets the next, if the claim still holds the row. */
    boolean reschedule(Delivery delivery, Instant next) {
        return jdbc.sql("UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ? "
                                + "WHERE id = ? AND next_attempt_at = ?")
                        .params(toSql(next), delivery.id(), toSql(delivery.lease()))
                        .update()
                > 0;
    }

    void recordAttempt(Delivery delivery, Instant at, Integer statusCode, String error, Instant next) {
        String shortError = error == null ? null : AttemptErrors.fit(error);
        jdbc.sql("INSERT INTO webhook_attempts "
                        + "(endpoint_id, event_id, event_type, attempt, at, status_code, error, next_attempt_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        delivery.endpointId(),
                        delivery.eventId(),
                        delivery.eventType(),
                        delivery.attempts() + 1,
                        toSql(at),
                        statusCode,
                        shortError,
                        toSql(next))
                .update();
    }

    /** The endpoint's latest attempts, newest first. */
    List<DeliveryAttempt> recentAttempts(long endpointId, int limit) {
        return jdbc.sql("SELECT event_id, event_type, attempt, at, status_code, error, next_attempt_at "
                        + "FROM webhook_attempts WHERE endpoint_id = ? ORDER BY at DESC, id DESC LIMIT ?")
                .params(endpointId, limit)
                .query(ATTEMPTS)
                .list();
    }

    void deleteForEndpoint(long endpointId) {
        jdbc.sql("DELETE FROM webhook_deliveries WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
        jdbc.sql("DELETE FROM webhook_attempts WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }

    int pruneAttempts(Instant before) {
        return jdbc.sql("DELETE FROM webhook_attempts WHERE at < ?")
                .param(toSql(before))
                .update();
    }

    /** Deliveries not yet made nor given up. */
    long depth() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries")
                .query(Long.class)
                .single();
    }

    /** When the oldest event still waiting for nothing but a worker (or its endpoint's earlier events) happened. */
    Optional<Instant> oldestDue(Instant now) {
        return jdbc.sql("SELECT MIN(created_at) AS oldest FROM webhook_deliveries WHERE next_attempt_at <= ?")
                .param(toSql(now))
                .query((row, number) -> Optional.ofNullable(fromSql(row, "oldest")))
                .single();
    }
}
