package io.keyhold.web;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class ProtocolPostgresTest extends ProtocolTests {}
