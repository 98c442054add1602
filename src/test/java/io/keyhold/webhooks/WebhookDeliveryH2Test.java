package io.keyhold.webhooks;

class WebhookDeliveryH2Test extends WebhookDeliveryTests {}
