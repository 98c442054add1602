package io.keyhold.passwords;

import io.keyhold.problems.Refusal;
import java.time.Duration;
import java.util.Optional;

/** Every hashing slot stayed busy for the whole wait: answer 503 and ask the client to retry in a second. */
public class HashPoolSaturated extends Refusal {

    public static final String MESSAGE = "Service is overloaded, try again shortly.";

    HashPoolSaturated() {
        super(Kind.UNAVAILABLE, MESSAGE);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(1));
    }

    @Override
    public String outcome() {
        return "overloaded";
    }
}
