package io.keyhold.requests;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class ProtocolPostgresTest extends ProtocolTests {}
