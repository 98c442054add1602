package io.keyhold.admin;

class ConsoleSecondFactorsH2Test extends ConsoleSecondFactorsTests {}
