package io.keyhold.mail;

import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.web.FieldErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the tokens of mailed links. Issuing a token retires the user's earlier ones
 * of the same purpose; each address gets a few per hour at most, so nobody can flood a mailbox.
 */
@Component
class AccountTokens {

    static final String INVALID_LINK = "This link is invalid or has expired.";
    private static final Duration RATE_WINDOW = Duration.ofHours(1);
    private static final int MAX_PER_WINDOW = 3;

    private final AccountTokenRepository repository;
    private final Clock clock;

    AccountTokens(AccountTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** A new token for the user, or empty when this address has had its share this hour. */
    Optional<String> issue(long userId, AccountToken.Purpose purpose, String email) {
        Instant now = Timestamps.now(clock);
        if (repository.countIssuedSince(userId, purpose, now.minus(RATE_WINDOW)) >= MAX_PER_WINDOW) {
            return Optional.empty();
        }
        repository.consumeAll(userId, purpose, now);
        String token = SecretTokens.newToken();
        repository.insert(userId, purpose, SecretTokens.hash(token), email, now);
        return Optional.of(token);
    }

    /** The stored token a link carries, if it can still be used. */
    Optional<AccountToken> usable(String token, AccountToken.Purpose purpose) {
        if (!SecretTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return repository.findUsable(SecretTokens.hash(token), purpose, Timestamps.now(clock));
    }

    boolean consume(AccountToken token) {
        return repository.consume(token.id(), Timestamps.now(clock));
    }

    void retireAll(long userId, AccountToken.Purpose purpose) {
        repository.consumeAll(userId, purpose, Timestamps.now(clock));
    }

    /** A 400 naming the token field, the same for unknown, spent and expired tokens. */
    static void rejectLink() {
        var errors = new FieldErrors();
        errors.add("token", INVALID_LINK);
        errors.throwIfAny(INVALID_LINK);
    }

    /** Spent and expired rows only matter for a day (the per-hour limit); then they go. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void pruneExpired() {
        repository.deleteExpiredBefore(Timestamps.now(clock).minus(Duration.ofDays(1)));
    }
}
