package io.keyhold.webhooks;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class WebhookDeliveryPostgresTest extends WebhookDeliveryTests {}
