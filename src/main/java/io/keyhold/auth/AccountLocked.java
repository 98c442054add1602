package io.keyhold.auth;

import io.keyhold.problems.Refusal;
import java.time.Duration;
import java.util.Optional;

/** 429 while an address is locked after repeated failed logins (SPEC §4), with the wait until it opens. */
public final class AccountLocked extends Refusal {

    static final String MESSAGE = "Too many failed login attempts; try again later.";

    private final Duration retryAfter;

    AccountLocked(Duration retryAfter) {
        super(Kind.TOO_MANY_REQUESTS, MESSAGE);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }

    @Override
    public String outcome() {
        return "locked";
    }
}
