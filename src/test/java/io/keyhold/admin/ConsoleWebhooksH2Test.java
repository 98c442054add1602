package io.keyhold.admin;

class ConsoleWebhooksH2Test extends ConsoleWebhooksTests {}
