package io.keyhold.webhooks;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class WebhookApiPostgresTest extends WebhookApiTests {}
