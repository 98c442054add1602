package io.keyhold.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again (SPEC §15): 5 s, 30 s, 2 min, 10 min and 1 h after the
 * failures in turn, then every 3 h, until 24 hours have passed since the event; an attempt that
 * would come later is not made, and the delivery is given up.
 */
final class RetrySchedule {

    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final List<Duration> FIRST_PAUSES = List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    private static final Duration LATER_PAUSE = Duration.ofHours(3);

    private RetrySchedule() {}

    /** The pause after the {@code failures}-th failed attempt (1 for the first). */
    static Duration pauseAfter(int failures) {
        return failures <= FIRST_PAUSES.size() ? FIRST_PAUSES.get(failures - 1) : LATER_PAUSE;
    }

    /** When to try again after the {@code failures}-th failure at {@code now}; empty: give up. */
    static Optional<Instant> nextAttempt(int failures, Instant eventAt, Instant now) {
        Instant next = now.plus(pauseAfter(failures));
        return next.isAfter(eventAt.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
