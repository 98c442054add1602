package io.keyhold.mail;

import io.keyhold.problems.FieldErrors;
import io.keyhold.time.Timestamps;
import io.keyhold.tokens.SecretTokens;
import io.keyhold.users.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues and checks the tokens of mailed links. Issuing a token retires the user's earlier ones
 * of the same purpose. How many links someone may ask for is {@link MailQuota}'s to say.
 */
@Component
class AccountTokens {

    static final String INVALID_LINK = "This link is invalid or has expired.";

    private final AccountTokenRepository repository;
    private final UserAccounts users;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AccountTokens(AccountTokenRepository repository, UserAccounts users, TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * A new token for the user, retiring their earlier ones of the same purpose; empty when the
     * user is gone. Issues of one user take turns on the user's row, so two at once still leave a
     * single live token.
     */
    Optional<String> issue(long userId, AccountToken.Purpose purpose, String email) {
        return transaction.execute(status -> {
            if (users.lockForUpdate(userId).isEmpty()) {
                return Optional.empty();
            }
            Instant now = Timestamps.now(clock);
            repository.consumeAll(userId, purpose, now);
            String token = SecretTokens.newToken();
            repository.insert(userId, purpose, SecretTokens.hash(token), email, now);
            return Optional.of(token);
        });
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

    /** An expired token can never be used again: it goes. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void pruneExpired() {
        repository.deleteExpiredBefore(Timestamps.now(clock));
    }
}
