package io.keyhold.webhooks;

/** An endpoint as just created, with its signing secret: the only time the secret is shown. */
public record CreatedWebhookEndpoint(WebhookEndpoint endpoint, String secret) {

    @Override
    public String toString() {
        return "CreatedWebhookEndpoint[" + endpoint + ", secret hidden]";
    }
}
