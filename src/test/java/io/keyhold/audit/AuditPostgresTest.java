package io.keyhold.audit;

import io.keyhold.testing.OnPostgres;

@OnPostgres
class AuditPostgresTest extends AuditTests {}
