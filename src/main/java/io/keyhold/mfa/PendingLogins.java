package io.keyhold.mfa;

import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.UserEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Logins whose password was right and that wait for their second factor, known by an {@code
 * mfa_token}: random, stored as SHA-256, alive 5 minutes, good for 5 wrong codes and one success.
 */
@Component
public class PendingLogins {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_FAILURES = 5;

    private final MfaLoginRepository logins;
    private final Clock clock;

    PendingLogins(MfaLoginRepository logins, Clock clock) {
        this.logins = logins;
        this.clock = clock;
    }

    /**
     * A login waiting for its second factor; {@code flowKey} names its passkey challenge. {@code
     * proven}: its second factor was right but no session opened (409 under the single policy).
     */
    public record PendingLogin(String flowKey, long userId, boolean proven) {}

    /** Starts the wait and returns the {@code mfa_token}, shown once. */
    public String start(long userId) {
        String token = SecretTokens.newToken();
        logins.insert(SecretTokens.hash(token), userId, Timestamps.now(clock).plus(LIFETIME));
        return token;
    }

    /**
     * The live login of a token. Inside a transaction its row stays locked until the end, so
     * parallel guesses queue and cannot overrun the limit of wrong codes.
     */
    public Optional<PendingLogin> live(String mfaToken) {
        if (!SecretTokens.wellFormed(mfaToken)) {
            return Optional.empty();
        }
        Instant now = Timestamps.now(clock);
        return logins.lock(SecretTokens.hash(mfaToken))
                .filter(row -> row.expiresAt().isAfter(now) && row.failures() < MAX_FAILURES)
                .map(row -> new PendingLogin(row.tokenHash(), row.userId(), row.proven()));
    }

    public void recordFailure(PendingLogin login) {
        logins.recordFailure(login.flowKey(), MAX_FAILURES);
    }

    /** Remembers a right second factor until a session opens, within the login's five minutes. */
    public void markProven(PendingLogin login) {
        logins.markProven(login.flowKey());
    }

    public void finish(PendingLogin login) {
        logins.delete(login.flowKey());
    }

    /** Ends the user's waiting logins: whatever proved the password before may not finish now. */
    void endAll(long userId) {
        logins.deleteByUser(userId);
    }

    @EventListener
    void onPasswordChanged(UserEvents.PasswordChanged changed) {
        endAll(changed.userId());
    }

    @EventListener
    void onDeactivated(UserEvents.Deactivated deactivated) {
        endAll(deactivated.userId());
    }

    @Scheduled(fixedDelayString = "${keyhold.sessions.prune-interval:PT1H}", initialDelayString = "PT1M")
    void pruneExpired() {
        logins.deleteExpired(Timestamps.now(clock));
    }
}
