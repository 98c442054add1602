package io.keyhold.cli;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class CreateSuperuserPostgresTest extends CreateSuperuserTests {}
