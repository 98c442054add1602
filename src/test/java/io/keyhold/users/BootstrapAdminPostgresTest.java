package io.keyhold.users;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class BootstrapAdminPostgresTest extends BootstrapAdminTests {}
