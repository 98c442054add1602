package io.keyhold.cli;

class DjangoMigrationH2Test extends DjangoMigrationTests {}
