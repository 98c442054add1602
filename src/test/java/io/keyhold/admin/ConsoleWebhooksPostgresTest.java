package io.keyhold.admin;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class ConsoleWebhooksPostgresTest extends ConsoleWebhooksTests {}
