package io.keyhold.cli;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class DjangoMigrationPostgresTest extends DjangoMigrationTests {}
