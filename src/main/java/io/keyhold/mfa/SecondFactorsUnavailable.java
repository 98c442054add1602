package io.keyhold.mfa;

import io.keyhold.problems.Refusal;
import java.time.Duration;
import java.util.Optional;

/**
 * 503: a stored TOTP secret does not decrypt, because {@code keyhold.mfa.encryption-key} is not
 * the key it was stored under (a node started with another key, or none). The operator must fix
 * the key; the user's request was not wrong, and no factor is skipped meanwhile.
 */
final class SecondFactorsUnavailable extends Refusal {

    static final String MESSAGE = "Second factors cannot be checked now.";

    SecondFactorsUnavailable() {
        super(Kind.UNAVAILABLE, MESSAGE);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofMinutes(1));
    }
}
