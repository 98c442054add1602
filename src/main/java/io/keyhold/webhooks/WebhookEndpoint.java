package io.keyhold.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * An application's URL that receives the events it subscribed to ({@code events}, their codes in
 * the order given); its signing secret is never held here.
 */
public record WebhookEndpoint(long id, String url, List<String> events, Instant createdAt) {}
