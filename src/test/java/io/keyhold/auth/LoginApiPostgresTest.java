package io.keyhold.auth;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class LoginApiPostgresTest extends LoginApiTests {}
