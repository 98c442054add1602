package io.keyhold.clients;

import static io.keyhold.time.Timestamps.fromSql;
import static io.keyhold.time.Timestamps.toSql;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code api_clients} table. */
@Repository
class ApiClientRepository {

    private static final RowMapper<ApiClient> CLIENTS = (row, number) -> new ApiClient(
            row.getLong("id"), row.getString("client_id"), row.getString("name"), fromSql(row, "created_at"));

    private final JdbcClient jdbc;

    ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ApiClient client, String secretHash, Long createdBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO api_clients (client_id, secret_hash, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(client.clientId(), secretHash, client.name(), toSql(client.createdAt()), createdBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The stored hash of a client's secret, by the unique index on client_id. */
    Optional<String> findSecretHash(String clientId) {
        return jdbc.sql("SELECT secret_hash FROM api_clients WHERE client_id = ?")
                .param(clientId)
                .query(String.class)
                .optional();
    }

    Optional<ApiClient> findById(long id) {
        return jdbc.sql("SELECT id, client_id, name, created_at FROM api_clients WHERE id = ?")
                .param(id)
                .query(CLIENTS)
                .optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM api_clients").query(Long.class).single();
    }

    /** Oldest first, so pages stay put as clients are added. */
    List<ApiClient> page(long offset, int limit) {
        return jdbc.sql("SELECT id, client_id, name, created_at FROM api_clients ORDER BY id LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query(CLIENTS)
                .list();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM api_clients WHERE id = ?").param(id).update() > 0;
    }
}
