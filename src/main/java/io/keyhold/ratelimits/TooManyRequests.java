package io.keyhold.ratelimits;

import io.keyhold.problems.Refusal;
import java.time.Duration;
import java.util.Optional;

/** 429: this client address has used up its requests for the minute (SPEC §4). */
public final class TooManyRequests extends Refusal {

    public static final String MESSAGE = "Too many requests; try again later.";

    private final Duration retryAfter;

    TooManyRequests(Duration retryAfter) {
        super(Kind.TOO_MANY_REQUESTS, MESSAGE);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }

    @Override
    public String outcome() {
        return "throttled";
    }
}
