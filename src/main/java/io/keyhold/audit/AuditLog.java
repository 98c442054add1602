package io.keyhold.audit;

import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.network.ClientAddresses;
import io.keyhold.network.ClientInfo;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes audit events. An event joins the transaction of the change it records, so the two land
 * together or not at all. The actor is the authenticated caller and the IP and user agent are the
 * request's, unless given. Callers pass ids and field names only, never a password, hash or token.
 */
@Component
public class AuditLog {

    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final ClientAddresses clients;
    private final AuditProperties properties;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, ClientAddresses clients, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    /** An event of the current request: its caller is the actor, its client the IP and agent. */
    public void record(AuditType type, Long userId, String detail) {
        record(type, userId, currentActor(), clients.current().orElse(new ClientInfo(null, null)), detail);
    }

    /** An event recorded away from its request (background work), with actor and client given. */
    public void record(AuditType type, Long userId, Long actorId, ClientInfo client, String detail) {
        String shortDetail = detail == null ? null : detail.substring(0, Math.min(detail.length(), MAX_DETAIL));
        jdbc.sql("""
                INSERT INTO audit_events (at, type, user_id, actor_id, ip, user_agent, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        toSql(Timestamps.now(clock)),
                        type.code(),
                        userId,
                        actorId,
                        client.ip(),
                        client.userAgent(),
                        shortDetail)
                .update();
    }

    /** The caller of the current request, for events recorded after the request moves on. */
    public Long currentActor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller && !caller.isAnonymous()
                ? caller.user().id()
                : null;
    }

    public ClientInfo currentClient() {
        return clients.current().orElse(new ClientInfo(null, null));
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    void pruneOld() {
        jdbc.sql("DELETE FROM audit_events WHERE at < ?")
                .param(toSql(Timestamps.now(clock).minus(properties.retention())))
                .update();
    }
}
