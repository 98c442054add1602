package io.keyhold.webhooks;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code webhook_endpoints} table and the {@code webhook_subscriptions} that index it by event type. */
@Repository
class WebhookEndpointRepository {

    private static final String COLUMNS = "id, url, events, created_at";
    private static final RowMapper<WebhookEndpoint> ENDPOINTS = (row, number) -> new WebhookEndpoint(
            row.getLong("id"),
            row.getString("url"),
            List.copyOf(Arrays.asList(row.getString("events").split(","))),
            fromSql(row, "created_at"));

    private final JdbcClient jdbc;

    WebhookEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where to deliver, and the sealed secret to sign with. */
    record Target(String url, String secretCiphertext) {}

    long insert(String url, List<String> events, String secretCiphertext, Instant createdAt, Long createdBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhook_endpoints (url, events, secret_ciphertext, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(url, String.join(",", events), secretCiphertext, toSql(createdAt), createdBy)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (String event : events) {
            jdbc.sql("INSERT INTO webhook_subscriptions (event_type, endpoint_id) VALUES (?, ?)")
                    .params(event, id)
                    .update();
        }
        return id;
    }

    Optional<WebhookEndpoint> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ?")
                .param(id)
                .query(ENDPOINTS)
                .optional();
    }

    Optional<Target> findTarget(long id) {
        return jdbc.sql("SELECT url, secret_ciphertext FROM webhook_endpoints WHERE id = ?")
                .param(id)
                .query((row, number) -> new Target(row.getString("url"), row.getString("secret_ciphertext")))
                .optional();
    }

    /** The endpoints that receive this event type: a probe of the subscriptions' primary key. */
    List<Long> subscribers(String eventType) {
        return jdbc.sql("SELECT endpoint_id FROM webhook_subscriptions WHERE event_type = ? ORDER BY endpoint_id")
                .param(eventType)
                .query(Long.class)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoints")
                .query(Long.class)
                .single();
    }

    /** Oldest first, so pages stay put as endpoints are added. */
    List<WebhookEndpoint> page(long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints ORDER BY id LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query(ENDPOINTS)
                .list();
    }

    /** Deletes the endpoint and its subscriptions (by cascade); false if it was gone already. */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM webhook_endpoints WHERE id = ?").param(id).update() > 0;
    }
}
