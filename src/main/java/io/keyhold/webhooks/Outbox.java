package io.keyhold.webhooks;

import io.keyhold.time.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queues events for delivery in the transaction of the change they report, one row per endpoint
 * that receives the event, with the body fixed now: a committed change is delivered however late,
 * a rolled-back one never. Outside a transaction there is no change to join, and queuing fails.
 */
@Component
class Outbox {

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final DeliverySignal signal;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(
            WebhookEndpointRepository endpoints,
            DeliveryRepository deliveries,
            DeliverySignal signal,
            JsonMapper json,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.signal = signal;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Queues the event for every endpoint subscribed to its type. {@code data} is built only when
     * one is, so an event nobody receives costs one indexed read; null data means there is no
     * event after all.
     *
     * @throws IllegalStateException outside a transaction
     */
    void enqueue(WebhookEventType type, Supplier<ObjectNode> data) {
        requireTransaction(type);
        List<Long> receivers = endpoints.subscribers(type.code());
        if (receivers.isEmpty()) {
            return;
        }
        ObjectNode built = data.get();
        if (built != null) {
            enqueue(type, receivers, built);
        }
    }

    /** Queues the event for these endpoints alone: a test event for the one it tests. */
    void enqueue(WebhookEventType type, List<Long> receivers, ObjectNode data) {
        requireTransaction(type);
        Instant now = Timestamps.now(clock);
        ObjectNode body = json.createObjectNode().put("type", type.code()).put("timestamp", Timestamps.format(now));
        body.set("data", data);
        String payload = json.writeValueAsString(body);
        String eventId = WebhookSignature.newMessageId();
        receivers.forEach(endpointId -> deliveries.enqueue(endpointId, eventId, type.code(), payload, now));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wake();
            }
        });
    }

    /** A listener called outside a transaction would write a delivery its change may never commit, or lose it. */
    private static void requireTransaction(WebhookEventType type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "A " + type.code() + " event must be queued in the transaction of the change it reports");
        }
    }
}
