package io.keyhold.mfa;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class PasskeyApiPostgresTest extends PasskeyApiTests {}
