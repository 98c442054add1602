package io.keyhold.admin;

class ConsoleH2Test extends ConsoleTests {}
