package io.keyhold.sessions;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserPermissions;
import io.keyhold.web.ClientInfo;
import io.keyhold.web.NotFound;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts sessions under the configured policy, turns bearer tokens into callers, and ends
 * sessions when the rules of SPEC §4 say so.
 */
@Service
public class SessionService {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SessionRepository sessions;
    private final UserPermissions permissions;
    private final AuditLog audit;
    private final SessionProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SessionService(
            SessionRepository sessions,
            UserPermissions permissions,
            AuditLog audit,
            SessionProperties properties,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.permissions = permissions;
        this.audit = audit;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
        Gauge.builder("keyhold.sessions.live", this, SessionService::countLive)
                .description("Sessions that have not ended or expired")
                .register(meters);
    }

    private double countLive() {
        Instant now = Timestamps.now(clock);
        return sessions.countLive(now, now.minus(properties.idleTimeout()));
    }

    /** A new session's token (shown once, never stored) and when it expires if unused. */
    public record IssuedSession(String token, Instant expiresAt) {}

    /**
     * Opens a session for a user whose password was just checked, under the configured policy.
     * Empty under {@code single} when a live session existed: that session has been ended instead,
     * so the next login succeeds. Joins the caller's transaction if there is one.
     */
    public Optional<IssuedSession> start(User user, ClientInfo client) {
        String token = SecretTokens.newToken();
        return transaction.execute(status -> {
            sessions.lockUser(user.id());
            Instant now = Timestamps.now(clock);
            List<Session> live = liveSessions(user.id(), now);
            switch (properties.policy()) {
                case SINGLE -> {
                    if (!live.isEmpty()) {
                        sessions.deleteByUser(user.id());
                        return Optional.empty();
                    }
                }
                case REPLACE -> sessions.deleteByUser(user.id());
                case MULTIPLE ->
                    live.stream()
                            .limit(Math.max(0, live.size() - properties.maxPerUser() + 1))
                            .forEach(oldest -> sessions.delete(oldest.id()));
            }
            Instant absoluteExpiry = now.plus(properties.absoluteTimeout());
            long id = sessions.insert(
                    user.id(), SecretTokens.hash(token), now, absoluteExpiry, client.ip(), client.userAgent());
            Session created = new Session(id, user.id(), now, now, absoluteExpiry, client.ip(), client.userAgent());
            return Optional.of(new IssuedSession(token, created.expiresAt(properties.idleTimeout())));
        });
    }

    /** The caller a token stands for, or empty when the token is unknown, ended or expired. */
    public Optional<Caller> authenticate(String token) {
        if (!SecretTokens.wellFormed(token)) {
            return Optional.empty();
        }
        Instant now = Timestamps.now(clock);
        return sessions.findByTokenHash(SecretTokens.hash(token))
                .filter(found -> found.session().isLive(now, properties.idleTimeout())
                        && found.user().active())
                .map(found -> {
                    Session session = found.session();
                    if (!session.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL))) {
                        sessions.touch(session.id(), now, now.minus(TOUCH_INTERVAL));
                    }
                    return new Caller(found.user(), session.id());
                });
    }

    /** The caller's live sessions, oldest first. */
    public List<Session> liveSessionsOf(Caller caller) {
        permissions.requireAuthenticated(caller);
        return liveSessions(caller.user().id(), Timestamps.now(clock));
    }

    /** Ends one of the caller's own sessions; anyone else's, or an ended one, is a 404. */
    public void revoke(Caller caller, long sessionId) {
        permissions.requireAuthenticated(caller);
        transaction.executeWithoutResult(status -> {
            if (!sessions.deleteOwned(sessionId, caller.user().id())) {
                throw new NotFound();
            }
            audit.record(AuditType.SESSION_REVOKED, caller.user().id(), "session " + sessionId);
        });
    }

    /** Ends the caller's current session. */
    public void logout(Caller caller) {
        permissions.requireAuthenticated(caller);
        transaction.executeWithoutResult(status -> {
            sessions.delete(caller.sessionId());
            audit.record(AuditType.LOGOUT, caller.user().id(), "this session");
        });
    }

    /** Ends every session of the user, for the user or for staff. */
    public void logoutEverywhere(User user) {
        transaction.executeWithoutResult(status -> {
            sessions.deleteByUser(user.id());
            audit.record(AuditType.LOGOUT, user.id(), "all sessions");
        });
    }

    Duration idleTimeout() {
        return properties.idleTimeout();
    }

    private List<Session> liveSessions(long userId, Instant now) {
        return sessions.findByUser(userId).stream()
                .filter(session -> session.isLive(now, properties.idleTimeout()))
                .toList();
    }

    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        if (changed.keptSessionId() == null) {
            sessions.deleteByUser(changed.userId());
        } else {
            sessions.deleteByUserExcept(changed.userId(), changed.keptSessionId());
        }
    }

    @EventListener
    void onDeactivated(UserEvents.Deactivated deactivated) {
        sessions.deleteByUser(deactivated.userId());
    }

    /** Expired sessions are already refused; this only keeps the table small. */
    @Scheduled(fixedDelayString = "${keyhold.sessions.prune-interval:PT1H}", initialDelayString = "PT1M")
    void pruneExpired() {
        Instant now = Timestamps.now(clock);
        sessions.deleteExpired(now, now.minus(properties.idleTimeout()));
    }
}
