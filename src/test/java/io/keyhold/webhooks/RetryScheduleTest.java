package io.keyhold.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §15's retries: 5 s, 30 s, 2 min, 10 min, 1 h, then every 3 h until 24 h after the event. */
class RetryScheduleTest {

    private static final Instant EVENT = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aDeliveryThatAlwaysFailsIsTriedOnScheduleAndGivenUpWithin24Hours() {
        List<Duration> sinceEvent = new ArrayList<>();
        Instant attempt = EVENT;
        int failures = 0;
        while (true) {
            failures++;
            Optional<Instant> next = RetrySchedule.nextAttempt(failures, EVENT, attempt);
            if (next.isEmpty()) {
                break;
            }
            attempt = next.get();
            sinceEvent.add(Duration.between(EVENT, attempt));
        }

        assertThat(sinceEvent)
                .containsExactly(
                        Duration.parse("PT5S"),
                        Duration.parse("PT35S"),
                        Duration.parse("PT2M35S"),
                        Duration.parse("PT12M35S"),
                        Duration.parse("PT1H12M35S"),
                        Duration.parse("PT4H12M35S"),
                        Duration.parse("PT7H12M35S"),
                        Duration.parse("PT10H12M35S"),
                        Duration.parse("PT13H12M35S"),
                        Duration.parse("PT16H12M35S"),
                        Duration.parse("PT19H12M35S"),
                        Duration.parse("PT22H12M35S"));
        assertThat(failures).as("the last attempt's failure gives up").isEqualTo(13);
    }

    @Test
    void anAttemptThatWouldComeAfter24HoursIsNotMade() {
        assertThat(RetrySchedule.nextAttempt(
                        1, EVENT, EVENT.plus(Duration.ofHours(24)).minusSeconds(5)))
                .contains(EVENT.plus(Duration.ofHours(24)));
        assertThat(RetrySchedule.nextAttempt(
                        1, EVENT, EVENT.plus(Duration.ofHours(24)).minusSeconds(4)))
                .isEmpty();
    }
}
