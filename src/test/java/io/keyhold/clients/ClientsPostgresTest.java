package io.keyhold.clients;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class ClientsPostgresTest extends ClientsTests {}
