package io.keyhold.audit;

class AuditH2Test extends AuditTests {}
