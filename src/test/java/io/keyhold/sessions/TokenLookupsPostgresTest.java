package io.keyhold.sessions;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class TokenLookupsPostgresTest extends TokenLookupsTests {}
