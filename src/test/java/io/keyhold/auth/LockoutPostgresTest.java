package io.keyhold.auth;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class LockoutPostgresTest extends LockoutTests {}
