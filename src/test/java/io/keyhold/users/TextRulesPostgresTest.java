package io.keyhold.users;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class TextRulesPostgresTest extends TextRulesTests {}
