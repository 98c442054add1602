package io.keyhold.mail;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class RequireVerifiedEmailPostgresTest extends RequireVerifiedEmailTests {}
