package io.keyhold.webhooks;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the webhook suites share about the database they are given. */
final class WebhookFixtures {

    private WebhookFixtures() {}

    /**
     * Leaves no endpoint behind: the suites share their application context (and database) with
     * others, and an endpoint left subscribed would receive, and retry, their events.
     */
    static void forgetEndpoints(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM webhook_endpoints").update();
        jdbc.sql("DELETE FROM webhook_deliveries").update();
        jdbc.sql("DELETE FROM webhook_attempts").update();
    }
}
