package io.keyhold.admin;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class ConsoleSecondFactorsPostgresTest extends ConsoleSecondFactorsTests {}
