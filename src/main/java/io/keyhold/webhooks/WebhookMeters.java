package io.keyhold.webhooks;

import io.keyhold.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The meters of deliveries: {@code keyhold_webhook_deliveries_total} by outcome ({@code delivered},
 * {@code failed} for an attempt that will be retried, {@code gave_up}), the queue's depth and lag
 * read from the shared outbox (the same on every node), and the time from an event's commit to
 * its delivery.
 */
@Component
class WebhookMeters {

    private final Map<String, Counter> outcomes;
    private final Timer commitToDelivery;

    WebhookMeters(MeterRegistry meters, DeliveryRepository deliveries, Clock clock) {
        this.outcomes = Map.of(
                "delivered", outcome(meters, "delivered"),
                "failed", outcome(meters, "failed"),
                "gave_up", outcome(meters, "gave_up"));
        this.commitToDelivery = Timer.builder("keyhold.webhook.delivery.lag")
                .description("From the commit of an event to its delivery (a 2xx answer), retries included")
                .serviceLevelObjectives(
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(24))
                .register(meters);
        Gauge.builder("keyhold.webhook.queue.depth", deliveries, DeliveryRepository::depth)
                .description("Deliveries waiting: not yet made, nor given up")
                .register(meters);
        Gauge.builder("keyhold.webhook.queue.lag", () -> {
                    Instant now = Timestamps.now(clock);
                    return deliveries
                            .oldestDue(now)
                            .map(oldest -> Duration.between(oldest, now).toMillis() / 1000.0)
                            .orElse(0.0);
                })
                .description("Age of the oldest event whose delivery is due and not yet made")
                .baseUnit("seconds")
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("keyhold.webhook.deliveries")
                .description("Delivery attempts by outcome: delivered, failed (to be retried), gave_up")
                .tag("outcome", outcome)
                .register(meters);
    }

    void delivered(Instant eventAt, Instant now) {
        outcomes.get("delivered").increment();
        commitToDelivery.record(Duration.between(eventAt, now));
    }

    void failed() {
        outcomes.get("failed").increment();
    }

    void gaveUp() {
        outcomes.get("gave_up").increment();
    }
}
