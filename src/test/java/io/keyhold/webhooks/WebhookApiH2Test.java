package io.keyhold.webhooks;

class WebhookApiH2Test extends WebhookApiTests {}
