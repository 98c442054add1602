package io.keyhold.webhooks;

import java.time.Instant;

/**
 * One attempt to deliver an event to an endpoint: the {@code statusCode} the endpoint answered,
 * or the {@code error} that stopped the request (both for an answer after which Keyhold gave up),
 * and when the next attempt is due (null after a 2xx, or once Keyhold has given up).
 */
public record DeliveryAttempt(
        String eventId,
        String eventType,
        int attempt,
        Integer statusCode,
        String error,
        Instant at,
        Instant nextAttemptAt) {}
