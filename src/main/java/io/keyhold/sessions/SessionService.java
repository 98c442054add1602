package io.keyhold.sessions;

import io.keyhold.audit.AuditLog;
import io.keyhold.audit.AuditType;
import io.keyhold.network.ClientInfo;
import io.keyhold.problems.NotFound;
import io.keyhold.sessions.SessionEvents.EndReason;
import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserAccounts;
import io.keyhold.users.UserEvents;
import io.keyhold.users.UserPermissions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts sessions under the configured policy, turns bearer tokens into callers, and ends
 * sessions when the rules of SPEC §4 say so. Each session started or ended is published as a
 * {@link SessionEvents} fact inside the transaction that starts or ends it.
 */
@Service
public class SessionService {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SessionRepository sessions;
    private final TokenLookups lookups;
    private final UserAccounts accounts;
    private final UserPermissions permissions;
    private final AuditLog audit;
    private final SessionProperties properties;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionService(
            SessionRepository sessions,
            TokenLookups lookups,
            UserAccounts accounts,
            UserPermissions permissions,
            AuditLog audit,
            SessionProperties properties,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.lookups = lookups;
        this.accounts = accounts;
        this.permissions = permissions;
        this.audit = audit;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
        Gauge.builder("keyhold.sessions.live", this, SessionService::countLive)
                .description("Sessions that have not ended or expired")
                .register(meters);
    }

    private double countLive() {
        Instant now = Timestamps.now(clock);
        return sessions.countLive(now, idleCutoff(now, SessionChannel.API), idleCutoff(now, SessionChannel.CONSOLE));
    }

    private Instant idleCutoff(Instant now, SessionChannel channel) {
        return now.minus(properties.idleTimeoutOf(channel));
    }

    /** A new session's token (shown once, never stored) and when it expires if unused. */
    public record IssuedSession(String token, Instant expiresAt) {}

    /**
     * Opens an API session for a user whose password was just checked, under the configured
     * policy. Empty under {@code single} when a live session existed: that session has been ended
     * instead, so the next login succeeds. Joins the caller's transaction if there is one.
     */
    public Optional<IssuedSession> start(User user, ClientInfo client) {
        return transaction.execute(status -> {
            // Logins of one user serialise on their row, on one node or many, so none can count
            // sessions while another is adding one.
            accounts.lockForUpdate(user.id());
            List<Session> all = sessions.findByUser(user.id(), SessionChannel.API);
            List<Session> live = liveSessions(all, Timestamps.now(clock));
            switch (properties.policy()) {
                case SINGLE -> {
                    if (!live.isEmpty()) {
                        end(all, EndReason.SESSION_POLICY);
                        return Optional.empty();
                    }
                }
                case REPLACE -> end(all, EndReason.SESSION_POLICY);
                case MULTIPLE ->
                    end(
                            live.stream()
                                    .limit(Math.max(0, live.size() - properties.maxPerUser() + 1))
                                    .toList(),
                            EndReason.SESSION_POLICY);
            }
            return Optional.of(insert(user, client, SessionChannel.API));
        });
    }

    /**
     * Opens an admin console session. The session policy does not apply: it governs API tokens,
     * and a staff member's console tab must not log out their API client. Runs in the caller's
     * transaction.
     */
    public IssuedSession startConsole(User user, ClientInfo client) {
        return insert(user, client, SessionChannel.CONSOLE);
    }

    private IssuedSession insert(User user, ClientInfo client, SessionChannel channel) {
        String token = SecretTokens.newToken();
        Instant now = Timestamps.now(clock);
        Instant absoluteExpiry = now.plus(properties.absoluteTimeoutOf(channel));
        var session = new Session(0, user.id(), now, now, absoluteExpiry, client.ip(), client.userAgent(), channel);
        long id = sessions.insert(session, SecretTokens.hash(token));
        events.publishEvent(new SessionEvents.Started(id, user.id(), channel));
        return new IssuedSession(token, session.expiresAt(properties.idleTimeoutOf(channel)));
    }

    /** The caller an API token stands for, or empty when the token is unknown, ended or expired. */
    public Optional<Caller> authenticate(String token) {
        return authenticate(token, SessionChannel.API);
    }

    /** The caller a console cookie stands for, or empty when it is unknown, ended or expired. */
    public Optional<Caller> authenticateConsole(String token) {
        return authenticate(token, SessionChannel.CONSOLE);
    }

    /** A live API session as an application sees it: whose it is, when it began and when it ends if unused. */
    public record LiveSession(User user, long sessionId, Instant createdAt, Instant expiresAt) {}

    /**
     * The live API session a token names, for introspection and forward authentication: the same
     * one indexed read, and the same once-a-minute touch, as {@link #authenticate(String)}.
     */
    public Optional<LiveSession> inspect(String token) {
        return findLive(token, SessionChannel.API);
    }

    private Optional<Caller> authenticate(String token, SessionChannel channel) {
        return findLive(token, channel).map(live -> new Caller(live.user(), live.sessionId()));
    }

    private Optional<LiveSession> findLive(String token, SessionChannel channel) {
        if (!SecretTokens.wellFormed(token)) {
            return Optional.empty();
        }
        Instant now = Timestamps.now(clock);
        Duration idleTimeout = properties.idleTimeoutOf(channel);
        return lookups.find(SecretTokens.hash(token))
                .filter(found -> found.session().channel() == channel
                        && found.session().isLive(now, idleTimeout)
                        && found.user().active())
                .map(found -> {
                    Session session = found.session();
                    if (!session.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL))) {
                        sessions.touch(session.id(), now, now.minus(TOUCH_INTERVAL));
                        session = session.usedAt(now);
                    }
                    return new LiveSession(
                            found.user(), session.id(), session.createdAt(), session.expiresAt(idleTimeout));
                });
    }

    /** The caller's live sessions, oldest first. */
    public List<Session> liveSessionsOf(Caller caller) {
        permissions.requireAuthenticated(caller);
        return liveSessions(sessions.findByUser(caller.user().id(), SessionChannel.API), Timestamps.now(clock));
    }

    /** Ends one of the caller's own sessions; anyone else's, or an ended one, is a 404. */
    public void revoke(Caller caller, long sessionId) {
        permissions.requireAuthenticated(caller);
        transaction.executeWithoutResult(status -> {
            Session owned = sessions.findById(sessionId)
                    .filter(session -> session.userId() == caller.user().id())
                    .orElseThrow(NotFound::new);
            end(List.of(owned), EndReason.REVOKED);
            audit.record(AuditType.SESSION_REVOKED, caller.user().id(), "session " + sessionId);
        });
    }

    /** Ends the caller's current session. */
    public void logout(Caller caller) {
        permissions.requireAuthenticated(caller);
        transaction.executeWithoutResult(status -> {
            end(sessions.findById(caller.sessionId()).stream().toList(), EndReason.LOGOUT);
            audit.record(AuditType.LOGOUT, caller.user().id(), "this session");
        });
    }

    /**
     * Ends every session of a user the caller can see, API and console alike ({@code logout/{id}},
     * the console's "End all sessions"), if the caller may change that account. Decided on the row
     * as it is now, so a target promoted to staff meanwhile keeps its sessions.
     */
    public void endAllSessions(Caller caller, User target) {
        permissions.checkCanModify(caller, target);
        transaction.executeWithoutResult(status -> {
            User current = accounts.lockForUpdate(target.id()).orElseThrow(NotFound::new);
            permissions.checkCanModify(caller, current);
            end(sessions.findByUser(current.id()), EndReason.ENDED_ALL);
            audit.record(AuditType.LOGOUT, current.id(), "all sessions");
        });
    }

    Duration idleTimeout() {
        return properties.idleTimeout();
    }

    /** Of the user's API sessions, the live ones: those the session policy counts and {@code me/sessions} lists. */
    private List<Session> liveSessions(List<Session> apiSessions, Instant now) {
        return apiSessions.stream()
                .filter(session -> session.isLive(now, properties.idleTimeout()))
                .toList();
    }

    /**
     * Deletes the sessions and publishes an {@link SessionEvents.Ended} for each one that was still
     * live: one that had expired already ended then, unnoticed, and its row merely goes early.
     */
    private void end(List<Session> ending, EndReason reason) {
        sessions.deleteAll(ending.stream().map(Session::id).toList());
        Instant now = Timestamps.now(clock);
        ending.stream()
                .filter(session -> session.isLive(now, properties.idleTimeoutOf(session.channel())))
                .forEach(session -> events.publishEvent(
                        new SessionEvents.Ended(session.id(), session.userId(), session.channel(), reason)));
    }

    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        endOtherSessions(changed.userId(), changed.keptSessionId(), EndReason.PASSWORD_CHANGED);
    }

    /**
     * Ends every session of the user but {@code keptSessionId}, the session of a user changing
     * their own credentials or second factors; null ends them all. Joins the caller's transaction.
     */
    public void endOtherSessions(long userId, Long keptSessionId, EndReason reason) {
        end(
                sessions.findByUser(userId).stream()
                        .filter(session -> keptSessionId == null || session.id() != keptSessionId)
                        .toList(),
                reason);
    }

    @EventListener
    void onDeactivated(UserEvents.Deactivated deactivated) {
        end(sessions.findByUser(deactivated.userId()), EndReason.DEACTIVATED);
    }

    /** Expired sessions are already refused; this only keeps the table small. */
    @Scheduled(fixedDelayString = "${keyhold.sessions.prune-interval:PT1H}", initialDelayString = "PT1M")
    void pruneExpired() {
        Instant now = Timestamps.now(clock);
        sessions.deleteExpired(now, idleCutoff(now, SessionChannel.API), idleCutoff(now, SessionChannel.CONSOLE));
    }
}
