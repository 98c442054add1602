package io.keyhold.requests;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class RandomInputPostgresTest extends RandomInputTests {}
