package io.keyhold.web;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class RandomInputPostgresTest extends RandomInputTests {}
